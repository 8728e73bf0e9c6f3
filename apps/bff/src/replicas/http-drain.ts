// Closing the HTTP server of a draining replica. Node's server.close() stops accepting connections but
// keeps serving new requests on open keep-alive connections, so under steady load (an SDK client, a
// load balancer's pool) it never completes and the replica's exit timer kills it mid-request. From
// start() on, every answer says `Connection: close`, so each connection ends after the request it is
// serving and its client reconnects (to another replica once this one stops listening).
import type { Server, ServerResponse } from 'node:http';
import net from 'node:net';

export interface HttpDrain {
  /** From now on every answer is its connection's last. */
  start(): void;
  /** Stops accepting; resolves once every connection has finished its request and closed. */
  close(): Promise<void>;
}

/**
 * Call right after creating the server, so requests already in flight at start() are known.
 * `idleGraceMs`: how long after close() a connection without a request may still bring one last
 * request before it is closed.
 */
export function httpDrain(server: Server, idleGraceMs = 500): HttpDrain {
  const open = new Set<ServerResponse>();
  let closing = false;
  const lastAnswer = (res: ServerResponse) => {
    // Before the headers, Node sends `Connection: close` and ends the socket after this response;
    // after them, the socket is ended once the response is out.
    if (!res.headersSent) res.setHeader('Connection', 'close');
    else res.once('finish', () => res.socket?.end());
  };
  server.on('request', (_req, res: ServerResponse) => {
    if (closing) return lastAnswer(res);
    open.add(res);
    res.once('close', () => open.delete(res));
  });
  const start = () => {
    if (closing) return;
    closing = true;
    for (const res of open) lastAnswer(res);
    open.clear();
  };
  return {
    start,
    close: () =>
      new Promise<void>((resolve) => {
        start();
        // http's close() also closes the connections idle at that instant, resetting a request its
        // client is sending then (one just connected, or a keep-alive one between requests). net's
        // close() only stops accepting; each open connection then gets its next request answered as
        // its last, and those still idle after the grace are closed.
        net.Server.prototype.close.call(server, () => resolve());
        setTimeout(() => server.closeIdleConnections(), idleGraceMs).unref();
      }),
  };
}
