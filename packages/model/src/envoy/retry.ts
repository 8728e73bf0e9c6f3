// App Mesh retry events as Envoy `retry_on` conditions (x-envoy-retry-on words).
import { durationToMillis, type Duration } from '../common/duration';
import { compact, envoyDuration, type JsonObject } from './json';

/**
 * App Mesh's HTTP events (API reference, HttpRetryPolicy): server-error is 5xx, gateway-error
 * 502/503/504, client-error 409, stream-error a refused stream. Both server-error and
 * gateway-error include Envoy's `reset`.
 */
export const HTTP_RETRY_ON: Record<string, string[]> = {
  'server-error': ['5xx', 'reset'],
  'gateway-error': ['gateway-error', 'reset'],
  'client-error': ['retriable-status-codes'],
  'stream-error': ['refused-stream'],
};
export const TCP_RETRY_ON: Record<string, string[]> = { 'connection-error': ['connect-failure'] };
/** gRPC status names: Envoy uses App Mesh's words. */
export const GRPC_RETRY_ON: Record<string, string[]> = {
  cancelled: ['cancelled'],
  'deadline-exceeded': ['deadline-exceeded'],
  internal: ['internal'],
  'resource-exhausted': ['resource-exhausted'],
  unavailable: ['unavailable'],
};

export interface RetryInput {
  httpRetryEvents?: string[] | undefined;
  tcpRetryEvents?: string[] | undefined;
  grpcRetryEvents?: string[] | undefined;
  maxRetries: number;
  perRetryTimeout: Duration;
}

export interface RetryResult {
  policy: JsonObject | undefined;
  /** Events with no Envoy equivalent, reported by the caller. */
  unknown: { path: string; event: string }[];
}

export function retryPolicy(input: RetryInput): RetryResult {
  const words = new Set<string>();
  const unknown: RetryResult['unknown'] = [];
  const collect = (events: string[] | undefined, table: Record<string, string[]>, member: string) =>
    (events ?? []).forEach((event, i) => {
      const mapped = table[event];
      if (mapped) mapped.forEach((w) => words.add(w));
      else unknown.push({ path: `${member}[${i}]`, event });
    });
  collect(input.httpRetryEvents, HTTP_RETRY_ON, 'httpRetryEvents');
  collect(input.tcpRetryEvents, TCP_RETRY_ON, 'tcpRetryEvents');
  collect(input.grpcRetryEvents, GRPC_RETRY_ON, 'grpcRetryEvents');
  if (words.size === 0) return { policy: undefined, unknown };
  const perTry = durationToMillis(input.perRetryTimeout);
  return {
    policy: compact({
      retry_on: [...words].sort().join(','),
      num_retries: input.maxRetries,
      per_try_timeout: perTry === undefined ? undefined : envoyDuration(perTry),
      retriable_status_codes: words.has('retriable-status-codes') ? [409] : undefined,
    }),
    unknown,
  };
}
