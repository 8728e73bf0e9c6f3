// The Import page's form to the model's importers: the same functions the CLI runs, in the browser.
import {
  detectFormat,
  ImportInputError,
  importCliDocuments,
  importCloudFormation,
  importKubernetes,
  isCliScript,
  readCliScripts,
  type ImportFormat,
  type ImportResult,
  type SourceText,
} from '@meshwright/model';

export type FormatChoice = 'auto' | ImportFormat;

export interface ImportForm {
  format: FormatChoice;
  /** One KEY=VALUE a line; `AWS::Region=...` and friends set pseudo parameters. */
  parameters: string;
  /** One NAMESPACE=MESH a line. */
  namespaceMesh: string;
  /** Mesh name override (empty: the input's). */
  mesh: string;
}

export type ImportOutcome = { ok: true; format: ImportFormat; result: ImportResult } | { ok: false; message: string };

/** `KEY=VALUE` lines to a record; a line without `=` is an error naming the line. */
export function parsePairs(text: string, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new ImportInputError(`${what}, line ${i + 1}`, `"${line}" is not KEY=VALUE`);
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  });
  return out;
}

const pseudo = /^AWS::/;

function parseJson({ source, text }: SourceText): { source: string; json: unknown } {
  try {
    return { source, json: JSON.parse(text) as unknown };
  } catch (e) {
    throw new ImportInputError(source, `malformed JSON: ${(e as Error).message}`);
  }
}

/** Runs the importer the form (or the text) calls for; unreadable input becomes a message, never a throw. */
export function runImport(texts: readonly SourceText[], form: ImportForm): ImportOutcome {
  try {
    if (!texts.length || texts.every((t) => !t.text.trim())) return { ok: false, message: 'Paste a document or choose files to import.' };
    const formats = new Set(texts.map((t) => (form.format === 'auto' ? detectFormat(t.text) : form.format)));
    const [format] = formats;
    if (formats.size !== 1 || format === undefined) return { ok: false, message: `The files mix formats (${[...formats].join(', ')}): import one format at a time or choose the format.` };
    const mesh = form.mesh.trim() ? { mesh: form.mesh.trim() } : {};
    if (format === 'cloudformation') {
      const all = parsePairs(form.parameters, 'Parameters');
      const parameters = Object.fromEntries(Object.entries(all).filter(([k]) => !pseudo.test(k)));
      const pseudoParameters = Object.fromEntries(Object.entries(all).filter(([k]) => pseudo.test(k)));
      return { ok: true, format, result: importCloudFormation(texts, { ...mesh, parameters, pseudoParameters }) };
    }
    if (format === 'kubernetes') return { ok: true, format, result: importKubernetes(texts, { ...mesh, namespaceMesh: parsePairs(form.namespaceMesh, 'Namespace to mesh') }) };
    // A deploy script's file:// names one of the files uploaded with it, by its file name.
    const byName = (_script: string, path: string) => texts.find((t) => t.source === path.split('/').pop());
    const scripts = readCliScripts(texts.filter((t) => isCliScript(t.text)), byName);
    const json = texts.filter((t) => !isCliScript(t.text) && !scripts.used.includes(t.source)).map(parseJson);
    return { ok: true, format, result: importCliDocuments([...scripts.docs, ...json], { ...mesh, reports: scripts.reports }) };
  } catch (e) {
    if (e instanceof ImportInputError) return { ok: false, message: e.message };
    throw e;
  }
}

/** The resources a bundle holds, by kind, with their names (routes as `router/route`). */
export function resourcesByKind(bundle: Record<string, unknown>): { kind: string; names: string[] }[] {
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const mesh = isRecord(bundle.mesh) ? [String(bundle.mesh.meshName)] : [];
  // Routes and gateway routes are named within their parent: `router/route`, `gateway/route`.
  const parents: Record<string, string> = { routes: 'virtualRouterName', gatewayRoutes: 'virtualGatewayName' };
  const names = (list: string, key: string) =>
    (Array.isArray(bundle[list]) ? (bundle[list] as unknown[]) : []).filter(isRecord).map((o) => {
      const parent = parents[list];
      return parent ? `${String(o[parent])}/${String(o[key])}` : String(o[key]);
    });
  return [
    { kind: 'mesh', names: mesh },
    { kind: 'virtualNode', names: names('virtualNodes', 'virtualNodeName') },
    { kind: 'virtualRouter', names: names('virtualRouters', 'virtualRouterName') },
    { kind: 'route', names: names('routes', 'routeName') },
    { kind: 'virtualService', names: names('virtualServices', 'virtualServiceName') },
    { kind: 'virtualGateway', names: names('virtualGateways', 'virtualGatewayName') },
    { kind: 'gatewayRoute', names: names('gatewayRoutes', 'gatewayRouteName') },
  ].filter((k) => k.names.length > 0);
}
