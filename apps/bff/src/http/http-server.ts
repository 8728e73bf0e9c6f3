// The HTTP server around the Express app. Node's default answer to bytes it cannot parse is a bare
// 400 that also cuts off a response still being computed for an earlier request on the same
// connection: a committed write would lose its 200. Here the earlier answers go out first.
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Express } from 'express';

function badRequest(err: Error & { code?: string }): string {
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const body = JSON.stringify({ message: tooLarge ? 'request headers are too large' : `the request could not be parsed as HTTP (${err.code ?? err.message})` });
  return [
    tooLarge ? 'HTTP/1.1 431 Request Header Fields Too Large' : 'HTTP/1.1 400 Bad Request',
    'Connection: close',
    'Content-Type: application/json',
    'x-amzn-ErrorType: BadRequestException',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

/** PEM certificate chain and key (TLS_CERT, TLS_KEY): the server then speaks HTTPS only. */
export interface HttpTls {
  cert: string | Buffer;
  key: string | Buffer;
}

export function createHttpServer(app: Express, tls?: HttpTls): Server {
  // An https.Server is an http.Server (same events), so everything below serves both.
  const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, app) : createServer(app);
  const inflight = new WeakMap<Duplex, number>();
  const afterInflight = new WeakMap<Duplex, () => void>();
  server.on('request', (req, res) => {
    const socket = req.socket;
    inflight.set(socket, (inflight.get(socket) ?? 0) + 1);
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      const left = (inflight.get(socket) ?? 1) - 1;
      inflight.set(socket, left);
      if (left === 0) afterInflight.get(socket)?.();
    };
    res.once('finish', finished);
    res.once('close', finished);
  });
  server.on('clientError', (err: Error & { code?: string }, socket: Duplex) => {
    const reply = () => {
      if (err.code === 'ECONNRESET' || !socket.writable) socket.destroy();
      else socket.end(badRequest(err));
    };
    if ((inflight.get(socket) ?? 0) > 0) afterInflight.set(socket, reply);
    else reply();
  });
  return server;
}
