// Test support: an HTTP server on 127.0.0.1 that runs the SigV4 verifier on every request exactly as
// it arrived (raw method, path, query, headers, body), records the verdict, and answers in App Mesh's
// shapes, so a test can drive it with the real AWS CLI, SDK v3 and boto3. Also a proxy that changes one
// byte of every request body, as an attacker on the path would.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sigV4Error } from './errors';
import { verifySigV4, type SigV4Options, type SigV4Result } from './sigv4';

export interface Captured {
  method: string;
  url: string;
  body: string;
  result: SigV4Result;
}

export interface CaptureServer {
  url: string;
  requests: Captured[];
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const closeServer = (server: Server) => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });

/** What a successful call answers: enough of App Mesh's output shapes for every client to parse. */
function answer(method: string, path: string): unknown {
  if (method === 'GET' && path === '/v20190125/meshes') return { meshes: [] };
  return {};
}

export async function startCaptureServer(options: SigV4Options): Promise<CaptureServer> {
  const requests: Captured[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = req.url ?? '/';
      const result = await verifySigV4({ method: req.method ?? 'GET', url, headers: req.headersDistinct, body }, options);
      requests.push({ method: req.method ?? 'GET', url, body: body.toString('utf8'), result });
      res.setHeader('content-type', 'application/json');
      if (result.ok) {
        res.end(JSON.stringify(answer(req.method ?? 'GET', url.split('?')[0] ?? '')));
        return;
      }
      const err = sigV4Error(result.code, result.message);
      res.statusCode = err.status;
      res.setHeader('x-amzn-ErrorType', err.type);
      res.end(JSON.stringify({ message: err.message }));
    })();
  });
  const url = await listen(server);
  return { url, requests, close: () => closeServer(server) };
}

/** Forwards every request to `target`, with the last byte of a non-empty body changed. */
export async function startTamperingProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const last = body.length - 1;
      if (last >= 0) body[last] = (body[last] ?? 0) ^ 0x01;
      const out = httpRequest(`${target}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (upstream) => {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
      });
      out.end(body);
    })();
  });
  const url = await listen(server);
  return { url, close: () => closeServer(server) };
}
