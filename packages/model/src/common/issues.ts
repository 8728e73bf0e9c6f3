import type { z } from 'zod';

/** A schema problem located by a readable JSON path such as `spec.listeners[0].portMapping.port`. */
export interface FieldIssue {
  /** Where the problem is, relative to the validated value. */
  path: string;
  /** What is wrong, for a person. */
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Flattens zod issues into field issues; unknown members are named one by one. */
export function toFieldIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const base = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: formatPath([...base, key]), message: 'is not a known field' });
    } else if (issue.code === 'invalid_type') {
      // Zod's own wording for structures: "Invalid input: expected object, received undefined".
      const missing = /received undefined$/.test(issue.message) || ('input' in issue && issue.input === undefined && !issue.message.startsWith('must'));
      const expected = /expected (\w+)/.exec(issue.message)?.[1];
      const message = missing ? 'is required' : issue.message.startsWith('Invalid input') && expected ? `must be ${expected === 'object' ? 'an object' : `a ${expected}`}` : issue.message;
      out.push({ path: formatPath(base), message });
    } else {
      out.push({ path: formatPath(base), message: issue.message });
    }
  }
  return out;
}

/** "spec.listeners[0].portMapping.port: must be a whole number from 1 to 65535; ..." */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}
