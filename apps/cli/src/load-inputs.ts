import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assembleBundle, isBundleDocument, lineAndColumn, type InputDocument } from '@meshwright/model';

/** Input that cannot be read at all: the CLI exits with 2. */
export class UnreadableInputError extends Error {}

function parseJsonFile(file: string): InputDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UnreadableInputError(`${file}: cannot read: ${(e as Error).message}`);
  }
  return parseJsonText(file, text);
}

/** Parses JSON text; malformed JSON is an UnreadableInputError with file, line and column. */
export function parseJsonText(file: string, text: string): InputDocument {
  try {
    return { source: file, json: JSON.parse(text) as unknown };
  } catch (e) {
    const message = (e as Error).message;
    const lc = /line (\d+) column (\d+)/.exec(message);
    const pos = /position (\d+)/.exec(message);
    const where = lc ? { line: Number(lc[1]), column: Number(lc[2]) } : lineAndColumn(text, pos ? Number(pos[1]) : text.length);
    throw new UnreadableInputError(`${file}:${where.line}:${where.column}: malformed JSON: ${message.replace(/\s*in JSON at position \d+.*$/, '')}`);
  }
}

/** Whether PATH is a directory; a missing PATH is an UnreadableInputError. */
export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    throw new UnreadableInputError(`${p}: no such file or directory`);
  }
}

function jsonFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Reads PATHs (directories of CLI-input JSON files, single CLI-input files, or a bundle file) into
 * bundle-shaped input for the model to validate.
 */
export function loadInputs(paths: readonly string[]): { bundle: unknown; problems: { source: string; message: string }[] } {
  const docs: InputDocument[] = [];
  for (const p of paths) {
    const isDir = isDirectory(p);
    const files = isDir ? jsonFilesIn(p) : [p];
    if (isDir && files.length === 0) throw new UnreadableInputError(`${p}: no .json files in this directory`);
    docs.push(...files.map(parseJsonFile));
  }
  const [only] = docs;
  if (docs.length === 1 && only && isBundleDocument(only.json)) return { bundle: only.json, problems: [] };
  if (docs.some((d) => isBundleDocument(d.json))) {
    throw new UnreadableInputError('a bundle file must be given on its own, not with other files');
  }
  return assembleBundle(docs);
}
