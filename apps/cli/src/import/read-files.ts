// Reads the PATHs given to `meshwright import`: files, or directories of .json/.yaml/.yml/.sh files,
// a directory's meshwright-import.json manifest naming its spec-only files, and the file:// files of
// AWS CLI scripts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { CliNames, SourceText } from '@meshwright/model';
import { isDirectory, UnreadableInputError } from '../load-inputs';

export const manifestName = 'meshwright-import.json';

export interface ReadFiles {
  texts: SourceText[];
  /** Names for spec-only files, by file path, from manifests. */
  names: Record<string, CliNames>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UnreadableInputError(`${file}: cannot read: ${(e as Error).message}`);
  }
}

/** A manifest: {"meshName": "shop", "files": {"vn-frontend.json": {"virtualNodeName": "frontend"}}}. */
function readManifest(dir: string, names: Record<string, CliNames>): void {
  const file = join(dir, manifestName);
  let json: unknown;
  try {
    json = JSON.parse(readText(file));
  } catch (e) {
    if (e instanceof UnreadableInputError) throw e;
    throw new UnreadableInputError(`${file}: malformed JSON: ${(e as Error).message}`);
  }
  if (!isRecord(json) || !isRecord(json.files)) throw new UnreadableInputError(`${file}: a manifest is {"meshName": ..., "files": {"<file>": {"virtualNodeName": ...}}}`);
  const meshName = typeof json.meshName === 'string' ? { meshName: json.meshName } : {};
  for (const [name, entry] of Object.entries(json.files)) {
    if (isRecord(entry)) names[join(dir, name)] = { ...meshName, ...(entry as CliNames) };
  }
}

export function readImportFiles(paths: readonly string[]): ReadFiles {
  const out: ReadFiles = { texts: [], names: {} };
  for (const p of paths) {
    if (!isDirectory(p)) {
      out.texts.push({ source: p, text: readText(p) });
      continue;
    }
    const entries = readdirSync(p).sort();
    if (entries.includes(manifestName)) readManifest(p, out.names);
    const files = entries.filter((n) => /\.(json|ya?ml|sh)$/.test(n) && basename(n) !== manifestName).map((n) => join(p, n));
    if (!files.length) throw new UnreadableInputError(`${p}: no .json, .yaml, .yml or .sh files in this directory`);
    for (const f of files) out.texts.push({ source: f, text: readText(f) });
  }
  return out;
}

/** A script's `file://PATH`, relative to the script's directory as the AWS CLI run beside it reads it. */
export function readScriptFile(script: string, path: string): SourceText | undefined {
  const file = isAbsolute(path) ? path : join(dirname(script), path);
  return existsSync(file) ? { source: file, text: readText(file) } : undefined;
}
