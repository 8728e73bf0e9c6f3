// The per-request log line and counters, without a server: the line is put together from parts, so
// it is compared byte for byte with what JSON.stringify makes of the same fields.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import type { RequestAuth } from '../auth/request-auth';
import { createServerMetrics } from './server-metrics';

function finishedRequest(url: string, status: number, auth: RequestAuth, ms: number): { line: string; metrics: string } {
  const lines: string[] = [];
  let clock = 1000;
  const metrics = createServerMetrics({ log: (l) => lines.push(l), now: () => clock });
  const res = Object.assign(new EventEmitter(), { statusCode: status }) as unknown as ServerResponse;
  metrics.track('GET', url, res, clock, auth);
  clock += ms;
  res.emit('finish');
  assert.equal(lines.length, 1);
  return { line: lines[0] ?? '', metrics: metrics.registry.render() };
}

test('the request line is the JSON of its fields, quotes and non-ASCII in the path included', () => {
  const cases: [url: string, status: number, auth: RequestAuth, ms: number][] = [
    ['/v20190125/meshes/m/virtualNodes/n?x=1', 200, { requestId: 'r-1', operation: 'appmesh:DescribeVirtualNode' }, 1.23456],
    ['/v20190125/meshes/"quoted"\\/é', 404, { requestId: 'r-2', operation: 'appmesh:Describe"Mesh' }, 0],
    ['/healthz', 503, { requestId: '' }, 12.5],
    ['/other', 200, { requestId: undefined } as unknown as RequestAuth, 3],
  ];
  for (const [url, status, auth, ms] of cases) {
    const { line } = finishedRequest(url, status, auth, ms);
    const parsed = JSON.parse(line) as { time: string };
    const path = url.split('?')[0];
    const operation = auth.operation ?? `GET ${path?.startsWith('/v20190125') ? '/v20190125' : path}`;
    assert.equal(line, JSON.stringify({ time: parsed.time, level: 'info', msg: 'request', method: 'GET', path, operation, status, ms: Math.round(ms * 10) / 10, requestId: auth.requestId }));
  }
});

test('each request is counted by operation and status and timed by operation', () => {
  const lines: string[] = [];
  const metrics = createServerMetrics({ log: (l) => lines.push(l), now: () => 0 });
  for (const status of [200, 200, 404]) {
    const res = Object.assign(new EventEmitter(), { statusCode: status }) as unknown as ServerResponse;
    metrics.track('GET', '/v20190125/meshes/m', res, 0, { requestId: 'r', operation: 'appmesh:DescribeMesh' });
    res.emit('finish');
  }
  const text = metrics.registry.render();
  assert.match(text, /^meshwright_http_requests_total\{operation="appmesh:DescribeMesh",status="200"\} 2$/m);
  assert.match(text, /^meshwright_http_requests_total\{operation="appmesh:DescribeMesh",status="404"\} 1$/m);
  assert.match(text, /^meshwright_http_request_duration_seconds_count\{operation="appmesh:DescribeMesh"\} 3$/m);
  assert.match(text, /^meshwright_http_request_duration_seconds_bucket\{operation="appmesh:DescribeMesh",le="0.001"\} 3$/m);
  assert.equal(lines.length, 3);
});
