import { formatFinding, hasErrors, validateBundle } from '@meshwright/model';
import { analysisOptionsFromEnv } from './analysis-options';
import { loadInputs, UnreadableInputError } from './load-inputs';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const validateUsage = 'usage: meshwright validate PATH...   (directories of CLI-input JSON files, or a bundle file)';

/**
 * `meshwright validate PATH...`: prints every finding and exits 0 without errors, 1 with errors,
 * 2 when the input cannot be read.
 */
export async function runValidate(args: readonly string[], io: CliIo): Promise<number> {
  const paths = args.filter((a) => !a.startsWith('-'));
  if (paths.length === 0 || args.includes('--help') || args.includes('-h')) {
    io.err(validateUsage);
    return paths.length === 0 && !args.includes('--help') ? 2 : 0;
  }
  let loaded: ReturnType<typeof loadInputs>;
  try {
    loaded = loadInputs(paths);
  } catch (e) {
    if (e instanceof UnreadableInputError) {
      io.err(`error: ${e.message}`);
      return 2;
    }
    throw e;
  }
  for (const p of loaded.problems) io.out(`error [input.invalid] (file ${p.source}) : ${p.message}`);
  const { findings } = validateBundle(loaded.bundle, analysisOptionsFromEnv());
  for (const f of findings) io.out(formatFinding(f));
  const errors = findings.filter((f) => f.severity === 'error').length + loaded.problems.length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  io.err(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return errors > 0 || hasErrors(findings) ? 1 : 0;
}
