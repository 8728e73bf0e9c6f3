// The xDS port's gRPC server, on node:http2 directly. It serves streaming methods only (ADS, and the
// metrics and access-log streams Envoy opens), which is all the port has; grpc-js's server did the same
// work through a stack of interceptors, a promise per message and Node streams, about two thirds of the
// CPU of each message it carried (an ACK of a fan-out: ~25 of ~35 µs). What a client sees is what
// grpc-js's server sent: the same headers, trailers, status codes and details, keepalive pings,
// identity/gzip/deflate messages, a 4 MB default limit per message (grpc-server.test.ts talks to it
// with grpc-js's client).
import { EventEmitter } from 'node:events';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { TLSSocket, type PeerCertificate } from 'node:tls';
import { frame, FrameError, MessageReader } from './message-frames';

/** gRPC status codes (the ones this port answers with). */
export const GrpcStatus = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;
export type GrpcCode = keyof typeof GrpcStatus;

/**
 * One method as proto-loader describes it (grpc.MethodDefinition's fields this server reads). Methods,
 * not function-typed fields, so a definition typed for its own messages fits (parameters bivariant).
 */
export interface StreamMethod {
  path: string;
  requestStream: boolean;
  requestDeserialize(bytes: Buffer): unknown;
  responseSerialize(value: unknown): Buffer;
  /** The message with its 5-byte gRPC prefix, in one buffer: for serializers that can write it in place. */
  responseFrame?(value: unknown): Buffer;
}

export interface GrpcServerOptions {
  /** PEM; with them the port is TLS-only and every client must present a certificate from `ca`. */
  tls?: { ca: string; cert: string; key: string };
  /** A ping on each connection this often; no answer within `keepaliveTimeoutMs` closes it. */
  keepaliveMs?: number;
  keepaliveTimeoutMs?: number;
}

const responseHeaders = {
  [http2.constants.HTTP2_HEADER_STATUS]: 200,
  [http2.constants.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc+proto',
  'grpc-accept-encoding': 'identity,deflate,gzip',
  'grpc-encoding': 'identity',
};

/** The trailers that carry a call's status (the message URI-encoded, as grpc-js sends it). */
const statusTrailers = (code: number, message: string) => ({ 'grpc-status': String(code), 'grpc-message': encodeURI(message) });

/** A status with nothing before it: one HEADERS frame that ends the stream, as grpc-js answers. */
function trailersOnly(stream: http2.ServerHttp2Stream, code: number, message: string): void {
  stream.respond({ ...responseHeaders, ...statusTrailers(code, message) }, { endStream: true });
}

/**
 * A call of a streaming method. Events: 'data' (each request message), 'end' (the client half-closed),
 * 'close' (the stream is gone: answered, cancelled, reset or its connection lost; once).
 */
export class GrpcCall<Req = unknown, Res = unknown> extends EventEmitter<{ data: [Req]; end: []; close: [] }> {
  readonly peer: string;
  private headersSent = false;
  private done = false;
  private closed = false;
  private trailers: http2.OutgoingHttpHeaders = {};

  constructor(
    private readonly stream: http2.ServerHttp2Stream,
    private readonly method: StreamMethod,
    reader: MessageReader,
  ) {
    super();
    const socket = stream.session?.socket;
    this.peer = socket?.remoteAddress ? (socket.remotePort ? `${socket.remoteAddress}:${socket.remotePort}` : socket.remoteAddress) : 'unknown';
    stream.on('data', (chunk: Buffer) => {
      if (this.done) return;
      let messages: Buffer[];
      try {
        messages = reader.push(chunk);
      } catch (err) {
        return err instanceof FrameError ? this.fail(err.code, err.message) : this.fail('INTERNAL', String(err));
      }
      for (const m of messages) {
        if (this.done) return;
        let request: Req;
        try {
          request = method.requestDeserialize(m) as Req;
        } catch (err) {
          return this.fail('INTERNAL', `Error deserializing request: ${(err as Error).message}`);
        }
        this.emit('data', request);
      }
    });
    stream.on('end', () => {
      if (this.done) return;
      if (reader.partial > 0) return this.fail('INTERNAL', 'the request stream ended inside a message');
      this.emit('end');
    });
    stream.on('wantTrailers', () => stream.sendTrailers(this.trailers));
    stream.on('error', () => this.onClose());
    stream.on('close', () => this.onClose());
  }

  /** The client's certificate when TLS verified it (as grpc-js's getAuthContext().sslPeerCertificate). */
  peerCertificate(): PeerCertificate | undefined {
    const socket = this.stream.session?.socket;
    if (!(socket instanceof TLSSocket) || !socket.authorized) return undefined;
    const cert = socket.getPeerCertificate();
    return cert.raw ? cert : undefined;
  }

  /** Sends one response message (nothing once the call is answered or gone). */
  write(response: Res): void {
    if (this.done || this.stream.destroyed) return;
    const bytes = this.method.responseFrame ? this.method.responseFrame(response) : frame(this.method.responseSerialize(response));
    if (!this.headersSent) {
      this.headersSent = true;
      this.stream.respond(responseHeaders, { waitForTrailers: true });
    }
    this.stream.write(bytes);
  }

  /** Answers OK, after a last response message when given (a client-streaming method's one answer). */
  end(response?: Res): void {
    if (response !== undefined) this.write(response);
    this.finish(GrpcStatus.OK, '');
  }

  /** Answers with an error status. */
  fail(code: GrpcCode, message: string): void {
    this.finish(GrpcStatus[code], message);
  }

  private finish(code: number, message: string): void {
    if (this.done) return;
    this.done = true;
    if (this.stream.destroyed || this.stream.closed) return;
    try {
      if (this.headersSent) {
        this.trailers = statusTrailers(code, message);
        this.stream.end();
      } else {
        this.headersSent = true;
        trailersOnly(this.stream, code, message);
      }
    } catch {
      this.stream.destroy();
    }
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.done = true;
    this.emit('close');
  }
}

interface Route {
  method: StreamMethod;
  handler: (call: GrpcCall) => void;
  maxMessageBytes: number;
}

const DEFAULT_MAX_MESSAGE = 4 * 1024 * 1024;

export class GrpcServer {
  private readonly routes = new Map<string, Route>();
  private readonly sessions = new Set<http2.ServerHttp2Session>();
  private readonly h2: http2.Http2Server | http2.Http2SecureServer;

  constructor(private readonly options: GrpcServerOptions = {}) {
    // As grpc-js's server: no cap on a session's buffered memory (a large push to one proxy).
    const common = { maxSessionMemory: Number.MAX_SAFE_INTEGER, maxSendHeaderBlockLength: Number.MAX_SAFE_INTEGER };
    const tls = options.tls;
    this.h2 = tls
      ? http2.createSecureServer({ ...common, ca: tls.ca, cert: tls.cert, key: tls.key, requestCert: true, rejectUnauthorized: true, ALPNProtocols: ['h2'] })
      : http2.createServer(common);
    // A client refused in the TLS handshake, or a connection reset: nothing to answer, nothing to crash on.
    this.h2.on('tlsClientError', () => undefined);
    this.h2.on('secureConnection', (socket: TLSSocket) => socket.on('error', () => undefined));
    this.h2.on('session', (session) => this.track(session));
    this.h2.on('stream', (stream, headers) => this.route(stream, headers));
    this.h2.setTimeout(0);
  }

  /**
   * Serves a service's streaming methods; `handlers` by method name (the definition's keys).
   * `maxMessageBytes` bounds each request message (4 MB unless told, grpc-js's default).
   */
  addService(definition: Record<string, StreamMethod>, handlers: Record<string, (call: GrpcCall<never, never>) => void>, opts: { maxMessageBytes?: number } = {}): void {
    for (const [name, handler] of Object.entries(handlers)) {
      const method = definition[name];
      if (!method) throw new Error(`${name} is not a method of the service`);
      if (!method.requestStream) throw new Error(`${name}: only streaming methods are served here`);
      this.routes.set(method.path, { method, handler: handler as (call: GrpcCall) => void, maxMessageBytes: opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE });
    }
  }

  /** Listens; resolves with the port (useful with 0). */
  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.h2.once('error', onError);
      this.h2.listen(port, host, () => {
        this.h2.off('error', onError);
        this.h2.on('error', () => undefined);
        resolve((this.h2.address() as AddressInfo).port);
      });
    });
  }

  /** Stops listening and ends every connection at once. */
  close(): void {
    this.h2.close();
    for (const s of this.sessions) s.destroy();
    this.sessions.clear();
  }

  private track(session: http2.ServerHttp2Session): void {
    this.sessions.add(session);
    session.on('error', () => undefined);
    const every = this.options.keepaliveMs;
    const timer = every
      ? setInterval(() => {
          const deadline = setTimeout(() => session.destroy(), this.options.keepaliveTimeoutMs ?? 20_000);
          deadline.unref();
          try {
            if (!session.ping((err) => (clearTimeout(deadline), err ? session.destroy() : undefined))) clearTimeout(deadline);
          } catch {
            clearTimeout(deadline);
          }
        }, every)
      : undefined;
    timer?.unref();
    session.once('close', () => {
      if (timer) clearInterval(timer);
      this.sessions.delete(session);
    });
  }

  private route(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    stream.on('error', () => undefined);
    const contentType = headers[http2.constants.HTTP2_HEADER_CONTENT_TYPE];
    if (typeof contentType !== 'string' || !contentType.startsWith('application/grpc')) {
      stream.respond({ [http2.constants.HTTP2_HEADER_STATUS]: 415 }, { endStream: true });
      return;
    }
    const rawPath = headers[http2.constants.HTTP2_HEADER_PATH];
    const path = typeof rawPath === 'string' ? rawPath : '';
    const found = this.routes.get(path);
    if (!found) return trailersOnly(stream, GrpcStatus.UNIMPLEMENTED, `The server does not implement the method ${path}`);
    const encoding = headers['grpc-encoding'];
    const call = new GrpcCall(stream, found.method, new MessageReader(found.maxMessageBytes, typeof encoding === 'string' ? encoding : 'identity'));
    found.handler(call);
  }
}
