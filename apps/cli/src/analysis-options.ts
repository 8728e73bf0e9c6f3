// What the CLI's analysis knows from its environment, as the server's does: the access-log roots.
import { parseAccessLogRoots, type AnalyzeOptions } from '@meshwright/model';

/** `ACCESS_LOG_ROOTS`, parsed as the server parses it (main refuses a bad value before any command runs). */
export function analysisOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): AnalyzeOptions {
  const { roots } = parseAccessLogRoots(env.ACCESS_LOG_ROOTS);
  return roots ? { accessLogRoots: roots } : {};
}
