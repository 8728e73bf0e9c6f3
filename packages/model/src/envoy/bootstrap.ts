// The two bootstraps: everything inline for `envoy -c`, or just enough to fetch it all over ADS.
import { http2ProtocolOptions } from './cluster';
import { compact, untyped, type EnvoyResource, type JsonObject } from './json';
import { names } from './names';
import type { ResolvedOptions } from './options';

export interface BootstrapInput {
  meshName: string;
  nodeName: string;
  /** The Envoy node id and cluster; a virtual node's (`mesh/<mesh>/virtualNode/<node>`) when not given. */
  nodeId?: string;
  opts: ResolvedOptions;
  listeners: EnvoyResource[];
  clusters: EnvoyResource[];
}

/** c-ares with the given servers; the system's search domains would turn one name into several lookups. */
function dnsResolver(servers: ResolvedOptions['dnsResolvers']): JsonObject | undefined {
  if (servers.length === 0) return undefined;
  return {
    name: 'envoy.network.dns_resolver.cares',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.network.dns_resolver.cares.v3.CaresDnsResolverConfig',
      resolvers: servers.map((s) => ({ socket_address: { address: s.host, port_value: s.port } })),
      dns_resolver_options: { no_default_search_domain: true },
    },
  };
}

function common(input: BootstrapInput): JsonObject {
  const id = input.nodeId ?? names.nodeId(input.meshName, input.nodeName);
  return compact({
    node: { id, cluster: id },
    admin: { address: { socket_address: { address: input.opts.adminAddress, port_value: input.opts.adminPort } } },
    typed_dns_resolver_config: dnsResolver(input.opts.dnsResolvers),
  });
}

/** A complete configuration: listeners (with their routes inline) and clusters. */
export function staticBootstrap(input: BootstrapInput): JsonObject {
  return {
    ...common(input),
    static_resources: { listeners: input.listeners.map(untyped), clusters: input.clusters.map(untyped) },
  };
}

/**
 * Envoy's stats streamed to meshwright's MetricsService on the xDS connection's cluster: counters as
 * deltas (a flush adds exactly what happened since the last one), full stat names (the cluster name
 * stays in them), histograms as buckets so quantiles can be computed over any window.
 */
function metricsSink(opts: ResolvedOptions): JsonObject {
  return {
    stats_flush_interval: `${opts.statsFlushIntervalMs / 1000}s`,
    stats_sinks: [
      {
        name: 'envoy.stat_sinks.metrics_service',
        typed_config: {
          '@type': 'type.googleapis.com/envoy.config.metrics.v3.MetricsServiceConfig',
          transport_api_version: 'V3',
          grpc_service: { envoy_grpc: { cluster_name: names.xdsCluster } },
          report_counters_as_deltas: true,
          emit_tags_as_labels: false,
          histogram_emit_mode: 'HISTOGRAM',
        },
      },
    ],
  };
}

/** Connects to the xDS server over gRPC and takes clusters, listeners and routes from one ADS stream. */
export function adsBootstrap(input: BootstrapInput): JsonObject {
  const ads = { ads: {}, resource_api_version: 'V3' };
  // Several replicas: the xDS cluster has one endpoint each, and a reconnect after a replica dies lands on
  // another (round robin; one DNS name with several addresses does the same through STRICT_DNS).
  const servers = input.opts.xdsAddresses.length > 0 ? input.opts.xdsAddresses : [input.opts.xds];
  return {
    ...common(input),
    ...metricsSink(input.opts),
    dynamic_resources: {
      ads_config: {
        api_type: 'GRPC',
        transport_api_version: 'V3',
        // Envoy's node description is ~80 KB; the server keys each stream by its first message.
        set_node_on_first_message_only: true,
        grpc_services: [
          {
            envoy_grpc: {
              cluster_name: names.xdsCluster,
              // Envoy's default (0.5 s doubling to 30 s) leaves a proxy without config for seconds
              // after a control-plane restart; reconnect within 100 ms, never waiting more than 1 s.
              retry_policy: { retry_back_off: { base_interval: '0.1s', max_interval: '1s' } },
            },
          },
        ],
      },
      cds_config: ads,
      lds_config: ads,
    },
    static_resources: {
      clusters: [
        {
          name: names.xdsCluster,
          type: 'STRICT_DNS',
          connect_timeout: '1s',
          typed_extension_protocol_options: http2ProtocolOptions(),
          load_assignment: {
            cluster_name: names.xdsCluster,
            endpoints: [{ lb_endpoints: servers.map(({ host, port }) => ({ endpoint: { address: { socket_address: { address: host, port_value: port } } } })) }],
          },
        },
      ],
    },
  };
}
