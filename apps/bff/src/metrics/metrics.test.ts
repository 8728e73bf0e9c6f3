// A real server process: /metrics in Prometheus text format behind METRICS_TOKEN, counting the App
// Mesh operations it served, and one JSON log line per request on stdout.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { CreateMeshCommand, DescribeMeshCommand } from '@aws-sdk/client-app-mesh';
import { replicaSet } from '../../../../testkit/replicas';

const set = replicaSet({ METRICS_TOKEN: 'scrape-me' });
after(() => set.close());

test('/metrics wants the scrape token, then counts operations by status and times them; each request is a JSON log line', async () => {
  const r = await set.start();
  await r.client.send(new CreateMeshCommand({ meshName: 'metered' }));
  await assert.rejects(r.client.send(new DescribeMeshCommand({ meshName: 'absent' })), { name: 'NotFoundException' });
  // A read that succeeds is answered before Express (appmesh/fast-read.ts): counted and logged all the same.
  await r.client.send(new DescribeMeshCommand({ meshName: 'metered' }));
  assert.equal((await fetch(`${r.url}/metrics`)).status, 401);
  assert.equal((await fetch(`${r.url}/metrics`, { headers: { authorization: 'Bearer wrong-token' } })).status, 401);
  const res = await fetch(`${r.url}/metrics`, { headers: { authorization: 'Bearer scrape-me' } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  assert.match(text, /^meshwright_http_requests_total\{operation="appmesh:CreateMesh",status="200"\} 1$/m);
  assert.match(text, /^meshwright_http_requests_total\{operation="appmesh:DescribeMesh",status="404"\} 1$/m);
  assert.match(text, /^meshwright_http_requests_total\{operation="appmesh:DescribeMesh",status="200"\} 1$/m);
  assert.match(text, /^meshwright_http_request_duration_seconds_count\{operation="appmesh:DescribeMesh"\} 2$/m);
  assert.match(text, /^meshwright_http_request_duration_seconds_count\{operation="appmesh:CreateMesh"\} 1$/m);
  assert.match(text, /^meshwright_http_request_duration_seconds_bucket\{operation="appmesh:CreateMesh",le="\+Inf"\} 1$/m);
  assert.match(text, /^# TYPE meshwright_xds_streams gauge\nmeshwright_xds_streams 0$/m);
  const lines = r.output().split('\n').filter((l) => l.startsWith('{"time"')).map((l) => JSON.parse(l) as Record<string, unknown>);
  const created = lines.find((l) => l.msg === 'request' && l.operation === 'appmesh:CreateMesh');
  assert.equal(created?.status, 200);
  assert.equal(created?.path, '/v20190125/meshes');
  const described = lines.filter((l) => l.msg === 'request' && l.operation === 'appmesh:DescribeMesh').map((l) => l.status);
  assert.deepEqual(described.sort(), [200, 404]);
  const appMesh = lines.filter((l) => l.msg === 'request' && String(l.operation).startsWith('appmesh:'));
  assert.ok(appMesh.every((l) => typeof l.requestId === 'string' && l.requestId !== ''), 'every App Mesh request line has its request id');
});
