// The server's own metrics at GET /metrics (Prometheus text format) and one JSON log line per request.
// /metrics is unauthenticated unless METRICS_TOKEN is set, then it wants `Authorization: Bearer <token>`:
// scrapers rarely sign SigV4, and the figures name operations and counts, never resources or keys.
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ServerResponse } from 'node:http';
import { requestAuth, type RequestAuth } from '../auth/request-auth';
import type { XdsControlPlane } from '../xds/control-plane';
import { MetricsRegistry } from './registry';

export interface ServerMetrics {
  registry: MetricsRegistry;
  /** Counts and times every request; writes its JSON line to `log` when given. */
  requests: RequestHandler;
  /** The clock requests are timed by; `track` takes a start read from it. */
  clock: () => number;
  /** The same for a request answered outside Express (the read path): counted, timed and logged when finished. */
  track(method: string, url: string, res: ServerResponse, started: number, auth: RequestAuth): void;
  /** GET /metrics. */
  endpoint: RequestHandler;
  /** Streams, pushes and NACKs of the xDS server. */
  watchXds(core: XdsControlPlane): void;
}

/** new Date().toISOString(), formatted once per millisecond: under load many log lines share one. */
let lastIso = { at: Number.NaN, text: '' };
function isoNow(): string {
  const at = Date.now();
  if (at !== lastIso.at) lastIso = { at, text: new Date(at).toISOString() };
  return lastIso.text;
}

interface OperationSeries {
  json: string;
  observe: (seconds: number) => void;
  count: (status: number) => () => void;
}

/**
 * The request's log line: the text JSON.stringify gives for { time, level, msg, method, path,
 * operation, status, ms, requestId }, put together from the parts (the operation's JSON made once).
 */
function logLine(method: string, path: string, operationJson: string, status: number, ms: number, requestId: string | undefined): string {
  // JSON.stringify leaves out an undefined member and writes a number that is not finite as null.
  const id = requestId === undefined ? '' : `,"requestId":${JSON.stringify(requestId)}`;
  return `{"time":"${isoNow()}","level":"info","msg":"request","method":${JSON.stringify(method)},"path":${JSON.stringify(path)},"operation":${operationJson},"status":${Number.isFinite(status) ? status : null},"ms":${Number.isFinite(ms) ? ms : null}${id}}`;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export function createServerMetrics(options: { token?: string | undefined; log?: (line: string) => void; now?: () => number }): ServerMetrics {
  const registry = new MetricsRegistry();
  const now = options.now ?? (() => performance.now());
  const requests = registry.counter('meshwright_http_requests_total', 'HTTP requests by operation and status code');
  const latency = registry.histogram('meshwright_http_request_duration_seconds', 'HTTP request latency by operation', LATENCY_BUCKETS);
  const pushes = registry.counter('meshwright_xds_pushes_total', 'xDS responses sent, by resource type');
  const nacks = registry.counter('meshwright_xds_nacks_total', 'xDS responses Envoy rejected, by resource type');
  /** An operation's series (its latency, its count per status) and its name as JSON, found by name. */
  const operations = new Map<string, OperationSeries>();
  const seriesOf = (operation: string): OperationSeries => {
    let series = operations.get(operation);
    if (series === undefined) {
      const statuses = new Map<number, () => void>();
      series = {
        json: JSON.stringify(operation),
        observe: latency.of({ operation }),
        count: (status) => {
          let count = statuses.get(status);
          if (count === undefined) statuses.set(status, (count = requests.of({ operation, status: String(status) })));
          return count;
        },
      };
      operations.set(operation, series);
    }
    return series;
  };
  const expected = options.token ? Buffer.from(`Bearer ${options.token}`) : undefined;
  const finished = (method: string, url: string, status: number, started: number, auth: RequestAuth) => {
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    // App Mesh operations by name; console and other paths by area, so labels stay few.
    const operation = auth.operation ?? `${method} ${path.startsWith('/api/') ? '/api' : path.startsWith('/v20190125') ? '/v20190125' : path}`;
    const seconds = (now() - started) / 1000;
    const series = seriesOf(operation);
    series.count(status)();
    series.observe(seconds);
    options.log?.(logLine(method, path, series.json, status, Math.round(seconds * 10000) / 10, auth.requestId));
  };
  return {
    registry,
    requests: (req, res, next) => {
      const started = now();
      // on, not once: 'finish' comes once, and once's wrapper and removal cost every request.
      res.on('finish', () => finished(req.method, req.originalUrl, res.statusCode, started, requestAuth(res)));
      next();
    },
    clock: now,
    track(method, url, res, started, auth) {
      res.on('finish', () => finished(method, url, res.statusCode, started, auth));
    },
    endpoint: (req, res) => {
      const given = Buffer.from(req.get('authorization') ?? '');
      if (expected && !(given.length === expected.length && timingSafeEqual(given, expected))) {
        res.status(401).type('text/plain').send('metrics need Authorization: Bearer <METRICS_TOKEN>\n');
        return;
      }
      res.type('text/plain; version=0.0.4').send(registry.render());
    },
    watchXds(core) {
      registry.gauge('meshwright_xds_streams', 'ADS streams connected to this replica', () => core.streams.connectedCount());
      core.events.on('push', (e) => pushes({ type: e.kind }));
      core.events.on('answer', (e) => {
        if (e.nackMessage !== null) nacks({ type: e.kind });
      });
    },
  };
}
