// `meshwright import`: CloudFormation, Kubernetes or AWS CLI files (or a live App Mesh) to a bundle.
import { writeFileSync } from 'node:fs';
import {
  detectFormat,
  formatFinding,
  ImportInputError,
  importCliDocuments,
  importCloudFormation,
  isCliScript,
  readCliScripts,
  importKubernetes,
  validateBundle,
  type ImportResult,
  type ImportFormat,
  type ReportEntry,
  type SourceText,
} from '@meshwright/model';
import { analysisOptionsFromEnv } from '../analysis-options';
import { parseJsonText, UnreadableInputError } from '../load-inputs';
import type { CliIo } from '../validate';
import { applyBundle } from './apply';
import { FlagError, parseImportFlags, type ImportFlags } from './flags';
import { importFromAppMesh } from './from-app-mesh';
import { readImportFiles, readScriptFile } from './read-files';

export const importUsage = [
  'usage: meshwright import PATH... [--format auto|cloudformation|kubernetes|cli] [--mesh NAME] [--out FILE]   (cli: JSON inputs or deploy.sh scripts)',
  '         [--parameter KEY=VALUE]... (AWS::Region=..., AWS::AccountId=..., AWS::StackName=... set pseudo parameters)',
  '         [--namespace-mesh NAMESPACE=MESH]... [--mesh-name N --virtual-node-name N --virtual-gateway-name N ...] [--apply --endpoint URL]',
  '       meshwright import --from-app-mesh --region R --mesh NAME [--endpoint URL] [--out FILE]   (through the AWS SDK)',
  'Writes the bundle to stdout (or --out) and the report and findings to stderr; exits 0, 1 with errors, 2 when unreadable.',
].join('\n');

function runImporter(format: ImportFormat, texts: SourceText[], flags: ImportFlags, names: ReturnType<typeof readImportFiles>['names']): ImportResult {
  const mesh = flags.mesh === undefined ? {} : { mesh: flags.mesh };
  switch (format) {
    case 'cloudformation':
      return importCloudFormation(texts, { ...mesh, parameters: flags.parameters, pseudoParameters: flags.pseudoParameters });
    case 'kubernetes':
      return importKubernetes(texts, { ...mesh, namespaceMesh: flags.namespaceMesh });
    case 'cli': {
      // deploy.sh scripts' aws appmesh create-* commands; the files they read are not imported again.
      const scripts = readCliScripts(texts.filter((t) => isCliScript(t.text)), readScriptFile);
      const json = texts.filter((t) => !isCliScript(t.text) && !scripts.used.includes(t.source)).map((t) => parseJsonText(t.source, t.text));
      const allNames = { ...names, ...(Object.keys(flags.names).length ? { '*': flags.names } : {}) };
      return importCliDocuments([...scripts.docs, ...json], { ...mesh, names: allNames, reports: scripts.reports });
    }
  }
}

export function formatReportEntry(e: ReportEntry): string {
  const resource = e.resource ? ` (${e.resource.kind} ${e.resource.name})` : '';
  return `${e.action} ${e.source}${e.path ? `:${e.path}` : ''}${resource}: ${e.message}`;
}

/** Reads the files and runs the importer their content calls for; all files must be of one format. */
export function importFiles(flags: ImportFlags): ImportResult {
  const { texts, names } = readImportFiles(flags.paths);
  const formats = new Set(texts.map((t) => (flags.format === 'auto' ? detectFormat(t.text) : flags.format)));
  const [format] = formats;
  if (formats.size !== 1 || format === undefined) throw new UnreadableInputError(`the files mix formats (${[...formats].join(', ')}); import one format at a time or give --format`);
  return runImporter(format, texts, flags, names);
}

/** Writes the bundle, prints the report and the findings; applies the bundle when asked. */
export async function finishImport(result: ImportResult, flags: ImportFlags, io: CliIo): Promise<number> {
  for (const e of result.report.entries) io.err(formatReportEntry(e));
  const { findings } = validateBundle(result.bundle, analysisOptionsFromEnv());
  for (const f of findings) io.err(formatFinding(f));
  const text = `${JSON.stringify(result.bundle, null, 2)}\n`;
  if (flags.out !== undefined) writeFileSync(flags.out, text);
  else if (!flags.apply) io.out(text.trimEnd());
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const kept = Object.values(result.bundle).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : 1), 0);
  io.err(`${kept} resources imported; ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  if (errors > 0) return 1;
  if (flags.apply) return applyBundle(result.bundle, flags.endpoint, io);
  return 0;
}

export async function runImport(args: readonly string[], io: CliIo): Promise<number> {
  let flags: ImportFlags;
  try {
    flags = parseImportFlags(args);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    io.err(`error: ${e.message}\n${importUsage}`);
    return 2;
  }
  if (flags.help) {
    io.err(importUsage);
    return 0;
  }
  if (flags.apply && flags.endpoint === undefined) {
    io.err('error: --apply needs --endpoint URL (the meshwright server)');
    return 2;
  }
  let result: ImportResult;
  try {
    if (flags.fromAppMesh) {
      result = await importFromAppMesh(flags);
    } else {
      if (!flags.paths.length) {
        io.err(importUsage);
        return 2;
      }
      result = importFiles(flags);
    }
  } catch (e) {
    if (e instanceof UnreadableInputError || e instanceof ImportInputError) {
      io.err(`error: ${e.message}`);
      return 2;
    }
    throw e;
  }
  return finishImport(result, flags, io);
}
