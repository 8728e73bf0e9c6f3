// A draining replica's HTTP server closes under steady keep-alive load, and answers every request it
// took: plain server.close() never completes while a client keeps reusing its connection.
import assert from 'node:assert/strict';
import { Agent, createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { eventually } from '../../../../testkit/eventually';
import { httpDrain } from './http-drain';

test('close() completes while a keep-alive client keeps sending, and every request taken is answered', async () => {
  const server = createServer((_req, res) => setTimeout(() => res.end('ok'), 50));
  const drain = httpDrain(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 2 });
  const outcomes: string[] = [];
  let closed = false;
  const one = () =>
    new Promise<void>((resolve) => {
      const req = get({ host: '127.0.0.1', port, agent }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => { outcomes.push(body); resolve(); });
      });
      // After the close, new connections are refused: that is the client's cue to go elsewhere.
      req.on('error', (e: Error & { code?: string }) => { outcomes.push(e.code ?? e.message); resolve(); });
    });
  const client = (async () => {
    while (!closed) await one();
  })();
  const client2 = (async () => {
    while (!closed) await one();
  })();
  // Both clients have answers, so both connections are kept alive and busy when the drain starts.
  await eventually('answers on both connections', async () => outcomes.length, (n) => n >= 4);
  // Without the drain, close() never completes: fail instead of hanging the run.
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('close() did not complete while the client kept sending')), 15000)));
  try {
    await Promise.race([drain.close(), stuck]);
  } finally {
    clearTimeout(timer);
    closed = true;
    await Promise.all([client, client2]);
    agent.destroy();
    server.closeAllConnections();
  }
  assert.deepEqual([...new Set(outcomes)].filter((o) => o !== 'ok' && o !== 'ECONNREFUSED'), [], 'no request cut off');
});
