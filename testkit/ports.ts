// Test support: ports for servers that cannot be asked for port 0 (Envoy's own listeners, the e2e
// servers Playwright starts).
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';

/** A port that was free a moment ago on `host` (the OS hands out a fresh one). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}
