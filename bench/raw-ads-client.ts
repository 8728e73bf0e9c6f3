// A state-of-the-world ADS client on node:http2 itself, for the fan-out benchmarks' simulated proxies
// (bench/xds-clients.worker.ts). They stand in for Envoys on other machines, so they should cost the
// benchmark's two cores as little as an ACK allows: grpc-js's client (resolving, retrying and
// subchannel calls, interceptors, object-mode streams) was most of their CPU. This is the gRPC wire
// protocol as Envoy speaks it to the server: one HTTP/2 connection per proxy (each with its own
// certificate), one POST stream, messages framed as 1 byte "compressed" (always 0) + 4 bytes length +
// the protobuf bytes, and the outcome in the trailers' grpc-status. Responses are read only as far as
// an ACK needs (testkit/xds/ack-fields.ts); ACKs are written by hand, the first requests by protobufjs.
import { connect, type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders } from 'node:http2';
import { adsServiceDefinition } from '../apps/bff/src/xds/protos';
import type { DiscoveryRequest } from '../apps/bff/src/xds/xds-messages';
import { ackRequestSerializer, readAckFields, type AckFields } from '../testkit/xds/ack-fields';

const ADS_PATH = '/envoy.service.discovery.v3.AggregatedDiscoveryService/StreamAggregatedResources';

export interface RawAdsClientOptions {
  /** host:port of the xDS server. */
  address: string;
  nodeId: string;
  /** The proxy's certificate and the CA the server's chains to; none for plaintext xDS. */
  tls?: { caPem: string; certPem: string; keyPem: string } | undefined;
  onResponse: (r: AckFields) => void;
  /** The stream ended with a status other than OK, or the connection failed. */
  onError: (e: Error) => void;
}

let serialize: ((r: DiscoveryRequest) => Buffer) | undefined;
/** DiscoveryRequest bytes: ACKs by hand, anything else (the node, subscriptions) through protobufjs. */
function serializer(): (r: DiscoveryRequest) => Buffer {
  if (!serialize) {
    const sotw = adsServiceDefinition().StreamAggregatedResources;
    if (!sotw) throw new Error('ADS service has no StreamAggregatedResources');
    serialize = ackRequestSerializer((r) => sotw.requestSerialize(r));
  }
  return serialize;
}

export class RawAdsClient {
  private readonly session: ClientHttp2Session;
  private readonly stream: ClientHttp2Stream;
  private nodeSent = false;
  private closed = false;
  /** Bytes of a message not yet whole (DATA frames do not follow message boundaries). */
  private buffered: Buffer = Buffer.alloc(0);

  constructor(private readonly options: RawAdsClientOptions) {
    const { tls } = options;
    // For an IP address Node checks the certificate's IP SANs, as Envoy does for the xDS cluster's address.
    this.session = tls ? connect(`https://${options.address}`, { ca: tls.caPem, cert: tls.certPem, key: tls.keyPem }) : connect(`http://${options.address}`);
    this.session.on('error', (e) => this.fail(new Error(`${options.nodeId}: connection failed: ${e.message}`)));
    this.stream = this.session.request({ ':method': 'POST', ':path': ADS_PATH, 'content-type': 'application/grpc', te: 'trailers' }, { endStream: false });
    this.stream.on('response', (headers) => this.checkStatus(headers, false));
    this.stream.on('trailers', (trailers) => this.checkStatus(trailers, true));
    this.stream.on('data', (chunk: Buffer) => this.read(chunk));
    this.stream.on('error', (e) => this.fail(new Error(`${options.nodeId}: stream failed: ${e.message}`)));
    this.stream.on('close', () => {
      if (!this.closed) this.fail(new Error(`${options.nodeId}: the server closed the stream`));
    });
  }

  /** Sends a request; the node goes with the first one only (set_node_on_first_message_only). */
  request(r: Omit<DiscoveryRequest, 'node'>): void {
    const withNode = !this.nodeSent;
    this.nodeSent = true;
    const bytes = serializer()(withNode ? { ...r, node: { id: this.options.nodeId, cluster: this.options.nodeId } } : r);
    const frame = Buffer.allocUnsafe(5 + bytes.length);
    frame[0] = 0;
    frame.writeUInt32BE(bytes.length, 1);
    bytes.copy(frame, 5);
    this.stream.write(frame);
  }

  /** ACKs a response with the subscription again, as Envoy does in state of the world. */
  ack(r: AckFields, names?: string[]): void {
    this.request({ type_url: r.type_url, version_info: r.version_info, response_nonce: r.nonce, ...(names ? { resource_names: names } : {}) });
  }

  close(): void {
    this.closed = true;
    this.stream.close();
    this.session.close();
  }

  private read(chunk: Buffer): void {
    let data = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (data.length >= 5) {
      if (data[0] !== 0) return this.fail(new Error(`${this.options.nodeId}: a compressed message, never asked for`));
      const length = data.readUInt32BE(1);
      if (data.length < 5 + length) break;
      this.options.onResponse(readAckFields(data.subarray(5, 5 + length)));
      data = data.subarray(5 + length);
    }
    this.buffered = data;
  }

  /** HTTP status 200, and a grpc-status (in trailers, or in headers of a trailers-only answer) of 0. */
  private checkStatus(headers: IncomingHttpHeaders, trailers: boolean): void {
    const status = Number(headers[':status']);
    if (!trailers && status !== 200) return this.fail(new Error(`${this.options.nodeId}: HTTP ${String(status)}`));
    const grpcStatus = headers['grpc-status'];
    if (grpcStatus !== undefined && grpcStatus !== '0') {
      const message = headers['grpc-message'];
      this.fail(new Error(`${this.options.nodeId}: grpc-status ${String(grpcStatus)}${message ? `: ${decodeURIComponent(String(message))}` : ''}`));
    }
  }

  private fail(e: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.options.onError(e);
  }
}
