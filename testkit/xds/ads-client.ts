// Test support: a minimal ADS client over grpc-js, standing in for Envoy in protocol tests and the fan-out benchmark:
// it sends requests as written and queues the responses it gets. State of the world by default;
// `new AdsTestClient<DeltaDiscoveryResponse, DeltaDiscoveryRequest>(address, id, 'delta', creds)` for incremental.
// `credentials`: testkit/xds/tls.ts's channelFor(id) (TLS, the default), or grpc.credentials.createInsecure() for XDS_INSECURE.
// The node goes with every request unless `nodeOnFirstMessageOnly` (as Envoy with meshwright's bootstrap).
import * as grpc from '@grpc/grpc-js';
import type { DeltaDiscoveryRequest, DeltaDiscoveryResponse, DiscoveryRequest, DiscoveryResponse } from '../../apps/bff/src/xds/xds-messages';
import { adsClientConstructor, type EnvoyTypes } from '../../apps/bff/src/xds/protos';
import type { AckFields } from './ack-fields';

type Waiter<R> = { resolve: (r: R) => void; reject: (e: Error) => void };

export interface AdsTestClientOptions {
  /** The client constructor (testkit/xds/ack-fields.ts: responses read only as far as an ACK needs); ADS with the Envoy protos by default. */
  clientConstructor?: grpc.ServiceClientConstructor;
  /** As Envoy with set_node_on_first_message_only (meshwright's bootstrap): the node goes only with the first request. */
  nodeOnFirstMessageOnly?: boolean;
}

type AnyResponse = DiscoveryResponse | DeltaDiscoveryResponse | AckFields;

export class AdsTestClient<Res extends AnyResponse = DiscoveryResponse, Req extends DiscoveryRequest | DeltaDiscoveryRequest = DiscoveryRequest> {
  readonly responses: Res[] = [];
  /** The gRPC status the server ended the stream with, once it did. */
  status: { code: number; details: string } | undefined;
  private readonly client: grpc.Client;
  private readonly call: grpc.ClientDuplexStream<Req, Res>;
  private readonly waiters: Waiter<Res>[] = [];
  private readonly closedWaiters: ((s: { code: number; details: string }) => void)[] = [];
  onResponse: ((r: Res) => void) | undefined;

  private nodeSent = false;

  constructor(address: string, readonly nodeId: string, mode: 'sotw' | 'delta', credentials: grpc.ChannelCredentials, private readonly options: AdsTestClientOptions = {}) {
    const Ctor = options.clientConstructor ?? adsClientConstructor();
    this.client = new Ctor(address, credentials);
    const name = mode === 'sotw' ? 'StreamAggregatedResources' : 'DeltaAggregatedResources';
    const method = (this.client as unknown as Record<string, () => grpc.ClientDuplexStream<Req, Res>>)[name];
    if (!method) throw new Error(`ADS client has no ${name}`);
    this.call = method.call(this.client);
    this.call.on('data', (r: Res) => {
      this.onResponse?.(r);
      const w = this.waiters.shift();
      if (w) w.resolve(r);
      else this.responses.push(r);
    });
    this.call.on('error', (e: grpc.ServiceError) => this.finish({ code: e.code, details: e.details }));
    this.call.on('status', (s: grpc.StatusObject) => this.finish({ code: s.code, details: s.details }));
  }

  request(req: Omit<Req, 'node'> & { withNode?: boolean }): void {
    const { withNode = !(this.options.nodeOnFirstMessageOnly && this.nodeSent), ...rest } = req;
    this.nodeSent ||= withNode;
    this.call.write({ ...rest, ...(withNode ? { node: { id: this.nodeId, cluster: this.nodeId } } : {}) } as unknown as Req);
  }

  /** ACKs a response (state of the world: with the subscription again, as Envoy does). */
  ack(res: Res, names?: string[]): void {
    const version = 'version_info' in res ? { version_info: res.version_info } : {};
    this.request({ type_url: res.type_url, ...version, response_nonce: res.nonce, ...(names ? { resource_names: names } : {}) } as unknown as Req);
  }

  nack(res: Res, message: string, previousVersion = ''): void {
    const version = 'version_info' in res ? { version_info: previousVersion } : {};
    this.request({ type_url: res.type_url, ...version, response_nonce: res.nonce, error_detail: { code: 3, message } } as unknown as Req);
  }

  /** The next response (already queued or the next to arrive). */
  next(): Promise<Res> {
    const queued = this.responses.shift();
    if (queued) return Promise.resolve(queued);
    if (this.status) return Promise.reject(new Error(`stream ended: ${this.status.details}`));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Resolves with the status the server ends the stream with. */
  closed(): Promise<{ code: number; details: string }> {
    if (this.status) return Promise.resolve(this.status);
    return new Promise((resolve) => this.closedWaiters.push(resolve));
  }

  close(): void {
    this.call.cancel();
    this.client.close();
  }

  private finish(s: { code: number; details: string }): void {
    if (this.status) return;
    this.status = s;
    for (const w of this.waiters.splice(0)) w.reject(new Error(`stream ended: ${s.details}`));
    for (const w of this.closedWaiters.splice(0)) w(s);
  }
}

/** The names of the resources in a response, decoded with the Envoy protos. */
export function resourceNames(types: EnvoyTypes, res: DiscoveryResponse | DeltaDiscoveryResponse): string[] {
  // proto-loader leaves empty repeated fields out (defaults: false).
  const anys = 'version_info' in res ? (res.resources ?? []) : (res.resources ?? []).map((r) => r.resource);
  return anys.map((a) => {
    const t = types.type(a.type_url.slice(a.type_url.lastIndexOf('/') + 1));
    const decoded = t.toObject(t.decode(a.value)) as { name?: string };
    return decoded.name ?? '';
  });
}
