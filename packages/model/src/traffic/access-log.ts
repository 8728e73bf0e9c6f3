/** One request as the access-log API and stream give it (from Envoy's gRPC access log). */
export interface AccessLogLine {
  time: string;
  method: string;
  authority: string;
  path: string;
  status: number | null;
  durationMs: number | null;
  upstreamCluster: string;
}
