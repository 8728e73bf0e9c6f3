// JSON.parse keeps the last of two equal keys, so `{"meshName":"a","meshName":"b"}` would quietly
// create `b`. Requests are scanned for a repeated key before they are parsed, and refused.
import { BadRequestError } from './errors';

/** The JSON path of the first key that repeats within one object, or undefined. Assumes valid JSON otherwise. */
export function firstDuplicateKey(text: string): string | undefined {
  const frames: { keys: Set<string>; path: string; inArray: boolean; index: number }[] = [];
  let pendingKey: string | undefined;
  let i = 0;
  const here = () => {
    const top = frames[frames.length - 1];
    if (!top) return '';
    if (top.inArray) return `${top.path}[${top.index}]`;
    return pendingKey === undefined ? top.path : top.path === '' ? pendingKey : `${top.path}.${pendingKey}`;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = endOfString(text, i);
      const top = frames[frames.length - 1];
      const expectingKey = top !== undefined && !top.inArray && pendingKey === undefined;
      if (expectingKey) {
        // Only a key with an escape needs decoding ("a\u0062" repeats "ab"); the plain ones are their own text.
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (top.keys.has(key)) return top.path === '' ? key : `${top.path}.${key}`;
        top.keys.add(key);
        pendingKey = key;
      }
      i = end + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      frames.push({ keys: new Set(), path: here(), inArray: c === '[', index: 0 });
      pendingKey = undefined;
    } else if (c === '}' || c === ']') {
      frames.pop();
      pendingKey = undefined;
    } else if (c === ',') {
      const top = frames[frames.length - 1];
      if (top?.inArray) top.index++;
      pendingKey = undefined;
    }
    i++;
  }
  return undefined;
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i;
}

/** body-parser's `verify` hook: a body with a repeated key is a 400 naming it, before anything reads it. */
export function refuseDuplicateKeys(_req: unknown, _res: unknown, body: Buffer): void {
  const key = firstDuplicateKey(body.toString('utf8'));
  if (key !== undefined) throw new BadRequestError(`${key}: appears twice in the request body; each key may appear once`, { field: key });
}
