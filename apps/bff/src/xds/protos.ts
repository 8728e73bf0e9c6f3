// The Envoy v3 protos that ship with @grpc/grpc-js-xds: the ADS service definition for grpc-js (through
// proto-loader) and a protobufjs root that resolves any `@type` lazily, so resources can be encoded
// into google.protobuf.Any without loading all ~500 Envoy protos up front.
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import type { StreamMethod } from '../grpc/grpc-server';
import { DiscoveryResponseBytes } from './response-bytes';
import type { DiscoveryResponse } from './xds-messages';

const require = createRequire(import.meta.url);

/** The four include directories of the Envoy API as vendored by @grpc/grpc-js-xds. */
export function protoIncludeDirs(): string[] {
  const pkgDir = dirname(require.resolve('@grpc/grpc-js-xds/package.json'));
  return ['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'].map((d) => join(pkgDir, 'deps', d));
}

export const ADS_PROTO = 'envoy/service/discovery/v3/ads.proto';

const loaderOptions: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: true,
};

/**
 * The grpc-js service definition of envoy.service.discovery.v3.AggregatedDiscoveryService. With
 * `types`, requests are decoded with only the node's id (see requestWithNodeIdOnly): all the server reads;
 * and state-of-the-world responses share their encoded resources across streams (response-bytes.ts).
 */
export function adsServiceDefinition(types?: EnvoyTypes): grpc.ServiceDefinition {
  const pkg = protoLoader.loadSync(ADS_PROTO, { ...loaderOptions, includeDirs: protoIncludeDirs() });
  const loaded = grpc.loadPackageDefinition(pkg);
  const ctor = lookupPath(loaded, 'envoy.service.discovery.v3.AggregatedDiscoveryService');
  if (typeof ctor !== 'function' || !('service' in ctor)) throw new Error('ADS service not found in the Envoy protos');
  const service = (ctor as unknown as { service: grpc.ServiceDefinition }).service;
  if (!types) return service;
  const methods = { StreamAggregatedResources: 'DiscoveryRequest', DeltaAggregatedResources: 'DeltaDiscoveryRequest' } as const;
  // responseFrame: the gRPC server (grpc/grpc-server.ts) writes those bytes as they are.
  const light: Record<string, grpc.MethodDefinition<unknown, unknown> & Pick<StreamMethod, 'responseFrame'>> = { ...service };
  for (const [method, message] of Object.entries(methods)) {
    const def = service[method];
    if (!def) throw new Error(`ADS method ${method} not found in the Envoy protos`);
    light[method] = { ...def, requestDeserialize: requestWithNodeIdOnly(types, message) };
  }
  const sotw = light.StreamAggregatedResources;
  if (sotw) {
    const shared = new DiscoveryResponseBytes(types);
    light.StreamAggregatedResources = {
      ...sotw,
      responseSerialize: (r: unknown) => shared.encode(r as DiscoveryResponse),
      responseFrame: (r: unknown) => shared.encodeFramed(r as DiscoveryResponse),
    };
  }
  return light;
}

/** toObject options matching proto-loader's (loaderOptions), so light and full decoding give the same shape. */
const toObjectOptions: protobuf.IConversionOptions = { longs: String, enums: String, defaults: false, oneofs: true };

/**
 * A decoder for DiscoveryRequest or DeltaDiscoveryRequest that reads of `node` only its `id`. Envoy's
 * node carries its whole build, extensions and metadata (~80 KB): with set_node_on_first_message_only
 * only the first request has it, but a proxy without that setting sends it on every ACK, and even once
 * it is parsed into thousands of objects. The rest of the node is skipped as bytes, unread.
 */
function requestWithNodeIdOnly(types: EnvoyTypes, message: 'DiscoveryRequest' | 'DeltaDiscoveryRequest'): (buf: Buffer) => unknown {
  const type = types.lightRequest(message);
  return (buf) => type.toObject(type.decode(buf), toObjectOptions);
}

let adsClient: grpc.ServiceClientConstructor | undefined;

/**
 * A grpc-js client constructor for ADS (tests and the benchmark's simulated proxies), loaded once per
 * thread: every client shares one set of protobufjs codecs, as one Envoy process shares its parser.
 * Loaded per client, each would parse the protos (~30 ms) and generate its own decoder, never warm
 * enough to be optimised, and the benchmark would measure its simulated proxies instead of the server.
 */
export function adsClientConstructor(): grpc.ServiceClientConstructor {
  adsClient ??= loadAdsClientConstructor();
  return adsClient;
}

function loadAdsClientConstructor(): grpc.ServiceClientConstructor {
  const pkg = protoLoader.loadSync(ADS_PROTO, { ...loaderOptions, includeDirs: protoIncludeDirs() });
  const ctor = lookupPath(grpc.loadPackageDefinition(pkg), 'envoy.service.discovery.v3.AggregatedDiscoveryService');
  if (typeof ctor !== 'function') throw new Error('ADS service not found in the Envoy protos');
  return ctor as grpc.ServiceClientConstructor;
}

function lookupPath(obj: unknown, dotted: string): unknown {
  let cur: unknown = obj;
  for (const part of dotted.split('.')) {
    if (cur === null || (typeof cur !== 'object' && typeof cur !== 'function')) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Maps fully qualified message names to the .proto file that declares them (top-level messages). */
function indexMessages(dirs: string[]): Map<string, string> {
  const index = new Map<string, string>();
  const walk = (root: string, rel: string): void => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(root, relPath);
      else if (entry.name.endsWith('.proto')) {
        const text = readFileSync(join(root, relPath), 'utf8');
        const pkg = /^package\s+([\w.]+)\s*;/m.exec(text)?.[1];
        if (!pkg) continue;
        for (const m of text.matchAll(/^message\s+(\w+)\s*\{/gm)) index.set(`${pkg}.${m[1]}`, relPath);
      }
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d, '');
  return index;
}

const WARM_TYPES = [
  'envoy.config.cluster.v3.Cluster',
  'envoy.config.listener.v3.Listener',
  'envoy.config.route.v3.RouteConfiguration',
  'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
  'envoy.extensions.filters.http.router.v3.Router',
  'envoy.extensions.access_loggers.file.v3.FileAccessLog',
  'envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
];

/** A protobufjs root over the Envoy protos that loads the file of a type on first use. */
export class EnvoyTypes {
  private readonly root: protobuf.Root;
  private readonly dirs: string[];
  private index: Map<string, string> | undefined;

  constructor(dirs: string[] = protoIncludeDirs()) {
    this.dirs = dirs;
    this.root = new protobuf.Root();
    this.root.resolvePath = (_origin: string, target: string) => {
      for (const d of this.dirs) {
        const p = join(d, target);
        if (existsSync(p)) return p;
      }
      return target; // google/protobuf/* are bundled with protobufjs
    };
  }

  /** Loads the types compile emits now, so the first push does not pay for parsing protos. */
  warmUp(): void {
    for (const t of WARM_TYPES) this.type(t);
  }

  /** The message type for a fully qualified name such as envoy.config.cluster.v3.Cluster. */
  type(fullName: string): protobuf.Type {
    const found = this.tryLookup(fullName);
    if (found) return found;
    this.index ??= indexMessages(this.dirs);
    const file = this.index.get(fullName);
    if (!file) throw new Error(`unknown protobuf type ${fullName}`);
    this.root.loadSync(file, { keepCase: true });
    const loaded = this.tryLookup(fullName);
    if (!loaded) throw new Error(`protobuf type ${fullName} not found in ${file}`);
    return loaded;
  }

  /**
   * `envoy.service.discovery.v3.<message>` with its `node` field typed as a message holding only the
   * node's id (field 1 of config.core.v3.Node); every other field as in the Envoy proto.
   */
  lightRequest(message: 'DiscoveryRequest' | 'DeltaDiscoveryRequest'): protobuf.Type {
    const full = this.type(`envoy.service.discovery.v3.${message}`);
    const ns = full.parent;
    if (!ns) throw new Error(`${message} has no namespace`);
    const nodeIdOnly = 'MeshwrightNodeIdOnly';
    if (!ns.get(nodeIdOnly)) ns.add(new protobuf.Type(nodeIdOnly).add(new protobuf.Field('id', 1, 'string')));
    const name = `Meshwright${message}NodeIdOnly`;
    const existing = ns.get(name);
    if (existing instanceof protobuf.Type) return existing;
    const json = full.toJSON();
    const node = full.fields.node;
    if (!node) throw new Error(`${message} has no node field`);
    const fields = { ...json.fields, node: { type: nodeIdOnly, id: node.id } };
    const light = protobuf.Type.fromJSON(name, { ...json, fields });
    ns.add(light);
    light.resolveAll();
    return light;
  }

  private tryLookup(fullName: string): protobuf.Type | undefined {
    try {
      const t = this.root.lookupType(fullName);
      t.resolveAll();
      return t;
    } catch {
      return undefined;
    }
  }
}
