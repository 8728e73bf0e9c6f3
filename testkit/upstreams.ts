// Test support: real upstreams, a tiny DNS server and an HTTP client for data-plane tests. Everything
// listens on loopback with ports the OS hands out, so tests can run next to others.
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { Agent, createServer, request, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { connect as connectHttp2 } from 'node:http2';
import { request as httpsRequest, type RequestOptions as HttpsRequestOptions } from 'node:https';
import { createServer as createTcpServer, connect, type AddressInfo, type Socket } from 'node:net';

export interface Upstream {
  name: string;
  port: number;
  /** Paths of the requests it received, in order. */
  hits: string[];
  close: () => Promise<void>;
}

export type Answer = (path: string, count: number, req: IncomingMessage) => { status: number; body?: string };

/** An HTTP server that answers with its own name (or as `answer` says), `delayMs` after the request. */
export async function httpUpstream(name: string, opts: { host?: string; port?: number; answer?: Answer; delayMs?: number } = {}): Promise<Upstream> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path !== '/health') hits.push(path);
    const a = opts.answer?.(path, hits.length, req) ?? { status: 200 };
    const reply = () => res.writeHead(a.status, { 'content-type': 'text/plain' }).end(a.body ?? name);
    if (opts.delayMs) setTimeout(reply, opts.delayMs).unref();
    else reply();
  });
  server.keepAliveTimeout = 1000;
  server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    server.closeAllConnections();
    server.close();
  };
  return { name, port, hits, close };
}

/** What an echo upstream saw of a request. */
export interface Echo {
  upstream: string;
  method: string;
  path: string;
  host: string;
  /** The request's headers, lower-case names. */
  headers: IncomingHttpHeaders;
}

/** An HTTP server that answers with the request it saw (its name, method, path, Host and headers) as JSON. */
export function echoUpstream(name: string): Promise<Upstream> {
  return httpUpstream(name, {
    answer: (path, _count, req) => {
      const echo: Echo = { upstream: name, method: req.method ?? '', path, host: req.headers.host ?? '', headers: req.headers };
      return { status: 200, body: JSON.stringify(echo) };
    },
  });
}

/** The Echo in a reply from an echo upstream (throws with the reply when it is something else). */
export function echoOf(reply: Reply): Echo {
  try {
    return JSON.parse(reply.body) as Echo;
  } catch {
    throw new Error(`not an echo: ${reply.status} ${reply.body}`);
  }
}

/** A TCP server that answers every chunk with `<name>:<chunk>`. */
export async function tcpEcho(name: string): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('data', (d) => s.write(`${name}:${d.toString()}`));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

/** Sends `text` over TCP and returns the first answer. */
export async function tcpExchange(port: number, text: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(text);
  const [data] = (await Promise.race([
    once(socket, 'data'),
    new Promise((_, reject) => setTimeout(() => reject(new Error('no TCP answer within 5 s')), 5000).unref()),
  ])) as [Buffer];
  socket.destroy();
  return data.toString();
}

/** A DNS server for A records only: enough for Envoy's c-ares to resolve names to several addresses. */
export async function dnsServer(records: Record<string, string[]>): Promise<{ port: number; close: () => Promise<void> }> {
  const socket = createSocket('udp4');
  socket.on('message', (msg, peer) => {
    let offset = 12;
    const labels: string[] = [];
    while (offset < msg.length && msg[offset] !== 0) {
      const len = msg[offset] ?? 0;
      labels.push(msg.subarray(offset + 1, offset + 1 + len).toString());
      offset += len + 1;
    }
    const qtype = msg.readUInt16BE(offset + 1);
    const question = msg.subarray(12, offset + 5);
    const ips = qtype === 1 ? (records[labels.join('.').toLowerCase()] ?? []) : [];
    const header = Buffer.alloc(12);
    header.writeUInt16BE(msg.readUInt16BE(0), 0);
    header.writeUInt16BE(ips.length > 0 || qtype !== 1 ? 0x8180 : 0x8183, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(ips.length, 6);
    const answers = ips.map((ip) => {
      const a = Buffer.alloc(16);
      a.writeUInt16BE(0xc00c, 0);
      a.writeUInt16BE(1, 2);
      a.writeUInt16BE(1, 4);
      a.writeUInt32BE(5, 6);
      a.writeUInt16BE(4, 10);
      ip.split('.').forEach((part, i) => a.writeUInt8(Number(part), 12 + i));
      return a;
    });
    socket.send(Buffer.concat([header, question, ...answers]), peer.port, peer.address);
  });
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return { port: socket.address().port, close: async () => void socket.close() };
}

export interface Reply {
  status: number;
  body: string;
  headers: IncomingHttpHeaders;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** An HTTP request to the egress listener, addressed to `host` as an app in the mesh would. */
export function viaEgress(egressPort: number, host: string, path = '/', headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return replyTo(request({ host: '127.0.0.1', port: egressPort, path, method, agent, headers: { ...headers, host } }));
}

/** Ends `req` (an HTTP or HTTPS request just made) and resolves with its status, headers and whole body as UTF-8. */
function replyTo(req: ClientRequest): Promise<Reply> {
  return new Promise((resolve, reject) => {
    req.on('response', (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

export function closeClientConnections(): void {
  agent.destroy();
}

/** One HTTP/2 request over cleartext (h2c, prior knowledge) to 127.0.0.1:`port` with the given authority. */
export function viaHttp2(port: number, authority: string, path = '/'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const session = connectHttp2(`http://127.0.0.1:${port}`);
    session.on('error', reject);
    const req = session.request({ ':method': 'GET', ':path': path, ':authority': authority });
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    let body = '';
    req.setEncoding('utf8');
    req.on('response', (h) => {
      status = Number(h[':status'] ?? 0);
      headers = h;
    });
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      session.close();
      resolve({ status, body, headers });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * One HTTPS GET to 127.0.0.1:`port` on a connection of its own (no agent, so each call does the TLS
 * handshake the test is about); `tls` carries what the client trusts and presents (ca, servername,
 * cert, key) and any headers.
 */
export function viaHttps(port: number, path: string, tls: Omit<HttpsRequestOptions, 'host' | 'port' | 'path' | 'agent'> = {}): Promise<Reply> {
  return replyTo(httpsRequest({ ...tls, host: '127.0.0.1', port, path, agent: false }));
}
