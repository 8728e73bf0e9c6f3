// The xDS port's gRPC server as grpc-js's client sees it: messages both ways, statuses and their
// details, limits, compression, TLS with client certificates, cancellation and keepalive.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { CertificateAuthority } from '../xds/tls/certificate-authority';
import { GrpcServer, type GrpcCall, type GrpcServerOptions } from './grpc-server';

// Raw bytes both ways: what is under test is the transport, not protobuf.
const bytes = { serialize: (b: Buffer) => b, deserialize: (b: Buffer) => b };
const chat = { path: '/test.Echo/Chat', requestStream: true, responseStream: true, requestSerialize: bytes.serialize, requestDeserialize: bytes.deserialize, responseSerialize: bytes.serialize, responseDeserialize: bytes.deserialize };
const upload = { ...chat, path: '/test.Echo/Upload', responseStream: false };
const definition = { Chat: chat, Upload: upload };
const Generic = grpc.makeGenericClientConstructor(definition, 'Echo');
type EchoClient = grpc.Client & {
  Chat(): grpc.ClientDuplexStream<Buffer, Buffer>;
  Upload(cb: (err: grpc.ServiceError | null, res?: Buffer) => void): grpc.ClientWritableStream<Buffer>;
};

const Client = Generic as unknown as new (address: string, credentials: grpc.ChannelCredentials, options?: grpc.ChannelOptions) => EchoClient;

/** What the server saw of each call, for the tests to wait on. */
const seen: { closed: number; peers: string[]; subjects: (string | undefined)[] } = { closed: 0, peers: [], subjects: [] };

/**
 * Chat echoes each message; a message `fail:<CODE>:<text>` makes it fail with that status, `end`
 * answers OK. Upload answers the total byte count once the client half-closes.
 */
function serve(opts: GrpcServerOptions = {}, maxMessageBytes?: number): GrpcServer {
  const server = new GrpcServer(opts);
  server.addService(definition, {
    Chat: (call: GrpcCall<Buffer, Buffer>) => {
      seen.peers.push(call.peer);
      const cn = call.peerCertificate()?.subject.CN;
      seen.subjects.push(Array.isArray(cn) ? cn.join(',') : cn);
      call.on('data', (m) => {
        const text = m.toString();
        if (text.startsWith('fail:')) {
          const [, code, ...rest] = text.split(':');
          call.fail(code as 'PERMISSION_DENIED', rest.join(':'));
        } else if (text === 'end') call.end();
        else call.write(m);
      });
      call.on('end', () => call.end());
      call.on('close', () => seen.closed++);
    },
    Upload: (call: GrpcCall<Buffer, Buffer>) => {
      let total = 0;
      call.on('data', (m) => (total += m.length));
      call.on('end', () => call.end(Buffer.from(String(total))));
    },
  }, maxMessageBytes === undefined ? {} : { maxMessageBytes });
  return server;
}

/** Sends `messages` on a Chat, then half-closes; what came back and the final status. */
function converse(client: EchoClient, messages: Buffer[]): Promise<{ replies: Buffer[]; status: grpc.StatusObject | grpc.ServiceError }> {
  return new Promise((resolve) => {
    const call = client.Chat();
    const replies: Buffer[] = [];
    let error: grpc.ServiceError | undefined;
    call.on('data', (b: Buffer) => replies.push(b));
    call.on('error', (e: grpc.ServiceError) => (error = e));
    call.on('status', (s: grpc.StatusObject) => setImmediate(() => resolve({ replies, status: error ?? s })));
    for (const m of messages) call.write(m);
    call.end();
  });
}

let plain: GrpcServer;
let plainPort: number;
let client: EchoClient;
before(async () => {
  plain = serve({}, 1024 * 1024);
  plainPort = await plain.listen('127.0.0.1', 0);
  client = new Client(`127.0.0.1:${plainPort}`, grpc.credentials.createInsecure());
});
after(() => {
  client.close();
  plain.close();
});

test('messages go both ways in order, whole even when DATA frames cut them, and a half-close is answered OK', async () => {
  const big = Buffer.alloc(200_000, 7); // more than one 16 KB DATA frame
  const { replies, status } = await converse(client, [Buffer.from('one'), big, Buffer.from(''), Buffer.from('two')]);
  assert.equal(status.code, grpc.status.OK);
  assert.deepEqual(replies.map((r) => r.length), [3, 200_000, 0, 3]);
  assert.ok(replies[1]?.equals(big));
  assert.match(seen.peers.at(-1) ?? '', /^127\.0\.0\.1:\d+$/);
});

test("a failure reaches the client with its code and details, characters and all, and nothing after it", async () => {
  const { replies, status } = await converse(client, [Buffer.from('hi'), Buffer.from('fail:PERMISSION_DENIED:node "a/b" is not 100% yours: é'), Buffer.from('late')]);
  assert.equal(status.code, grpc.status.PERMISSION_DENIED);
  assert.equal(status.details, 'node "a/b" is not 100% yours: é');
  assert.deepEqual(replies.map(String), ['hi']);
  // Failing before any message went out: a trailers-only answer.
  const first = await converse(client, [Buffer.from('fail:NOT_FOUND:no such node')]);
  assert.equal(first.status.code, grpc.status.NOT_FOUND);
  assert.equal(first.status.details, 'no such node');
});

test('a client stream gets its one answer after it half-closes', async () => {
  const answer = await new Promise<Buffer | undefined>((resolve, reject) => {
    const call = client.Upload((err, res) => (err ? reject(err) : resolve(res)));
    for (let i = 0; i < 10; i++) call.write(Buffer.alloc(1000));
    call.end();
  });
  assert.equal(String(answer), '10000');
});

test('an unknown method is UNIMPLEMENTED, a message over the limit RESOURCE_EXHAUSTED', async () => {
  const unknown = new grpc.Client(`127.0.0.1:${plainPort}`, grpc.credentials.createInsecure());
  const status = await new Promise<grpc.ServiceError>((resolve) => {
    const call = unknown.makeBidiStreamRequest('/test.Echo/Nope', bytes.serialize, bytes.deserialize);
    call.on('error', resolve);
    call.write(Buffer.from('x'));
  });
  unknown.close();
  assert.equal(status.code, grpc.status.UNIMPLEMENTED);
  assert.match(status.details, /does not implement the method \/test\.Echo\/Nope/);
  const tooBig = await converse(client, [Buffer.alloc(1024 * 1024 + 1)]);
  assert.equal(tooBig.status.code, grpc.status.RESOURCE_EXHAUSTED);
});

test('gzip- and deflate-compressed messages are read', async () => {
  for (const algorithm of [grpc.compressionAlgorithms.gzip, grpc.compressionAlgorithms.deflate]) {
    const zipped = new Client(`127.0.0.1:${plainPort}`, grpc.credentials.createInsecure(), { 'grpc.default_compression_algorithm': algorithm });
    const text = 'compress me '.repeat(500);
    const { replies, status } = await converse(zipped, [Buffer.from(text)]);
    zipped.close();
    assert.equal(status.code, grpc.status.OK);
    assert.equal(String(replies[0]), text, `algorithm ${algorithm}`);
  }
});

test('a call the client cancels, and a closed server, end on the server side', async () => {
  const closedBefore = seen.closed;
  const call = client.Chat();
  call.on('error', () => undefined);
  call.write(Buffer.from('hello'));
  await new Promise((r) => call.once('data', r));
  call.cancel();
  for (let i = 0; i < 100 && seen.closed === closedBefore; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(seen.closed, closedBefore + 1);

  const other = serve();
  const port = await other.listen('127.0.0.1', 0);
  const c = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const open = c.Chat();
  open.write(Buffer.from('x'));
  await new Promise((r) => open.once('data', r));
  const ended = new Promise<grpc.ServiceError>((resolve) => open.on('error', resolve));
  other.close();
  assert.equal((await ended).code, grpc.status.UNAVAILABLE);
  c.close();
});

test('a connection that does not answer keepalive pings is closed', async () => {
  const server = serve({ keepaliveMs: 50, keepaliveTimeoutMs: 100 });
  const port = await server.listen('127.0.0.1', 0);
  // A client that opens HTTP/2 (preface and SETTINGS) and then sends nothing more, so no PING is answered.
  const socket = connect(port, '127.0.0.1');
  socket.write(Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0])]));
  const received: Buffer[] = [];
  socket.on('data', (d: Buffer) => received.push(d));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const timeout = setTimeout(() => socket.destroy(new Error('still open')), 5000);
  let err: unknown;
  socket.on('error', (e) => (err = e));
  await closed;
  clearTimeout(timeout);
  server.close();
  assert.equal(err === undefined || !String(err).includes('still open'), true, 'the server closed it, not the test');
  // Frame type 6 is PING: the server asked before it gave up.
  const all = Buffer.concat(received);
  let pinged = false;
  for (let at = 0; at + 9 <= all.length; at += 9 + all.readUIntBE(at, 3)) if (all[at + 3] === 6) pinged = true;
  assert.ok(pinged, 'a PING was sent');
});

test('over TLS a client must present a certificate from the CA; the call sees it', async () => {
  const now = new Date();
  const ca = await CertificateAuthority.generate(now);
  const stranger = await CertificateAuthority.generate(now);
  const window = { notBefore: new Date(now.getTime() - 3_600_000), notAfter: new Date(now.getTime() + 3_600_000) };
  const serverCert = await ca.issue({ commonName: '127.0.0.1', usage: 'server', ips: ['127.0.0.1'], ...window });
  const ours = await ca.issue({ commonName: 'mesh/shop/virtualNode/front', usage: 'client', ...window });
  const theirs = await stranger.issue({ commonName: 'mesh/shop/virtualNode/front', usage: 'client', ...window });
  const server = serve({ tls: { ca: ca.certPem, cert: serverCert.certPem, key: serverCert.keyPem } });
  const port = await server.listen('127.0.0.1', 0);
  const withCert = (cert?: { certPem: string; keyPem: string }) =>
    new Client(`127.0.0.1:${port}`, grpc.credentials.createSsl(Buffer.from(ca.certPem), cert ? Buffer.from(cert.keyPem) : null, cert ? Buffer.from(cert.certPem) : null));
  try {
    const good = withCert(ours);
    const ok = await converse(good, [Buffer.from('hi')]);
    good.close();
    assert.equal(ok.status.code, grpc.status.OK);
    assert.equal(seen.subjects.at(-1), 'mesh/shop/virtualNode/front');
    for (const [who, cert] of [['no certificate', undefined], ["another CA's certificate", theirs]] as const) {
      const bad = withCert(cert);
      const refused = await converse(bad, [Buffer.from('hi')]);
      bad.close();
      assert.equal(refused.status.code, grpc.status.UNAVAILABLE, who);
      assert.deepEqual(refused.replies, [], who);
    }
  } finally {
    server.close();
  }
});
