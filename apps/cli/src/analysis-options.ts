// What the CLI's analysis knows from its environment, as the server's does: the access-log roots.
import type { AnalyzeOptions } from '@meshwright/model';

/** `ACCESS_LOG_ROOTS=/var/log/envoy,/srv/logs`, the same setting the server reads; unset keeps the model's default. */
export function analysisOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): AnalyzeOptions {
  const roots = (env.ACCESS_LOG_ROOTS ?? '').split(',').map((r) => r.trim()).filter((r) => r !== '');
  return roots.length > 0 ? { accessLogRoots: roots } : {};
}
