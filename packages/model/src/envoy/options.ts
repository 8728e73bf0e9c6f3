// What the caller decides about the Envoy being configured: ports, addresses and the xDS mode.

export type CompileMode = 'static' | 'ads';

export interface CompileOptions {
  /** `static` puts every resource into the bootstrap; `ads` fetches them from an xDS server. */
  mode?: CompileMode;
  ports?: {
    /** Envoy's admin port (9901). */
    admin?: number;
    /** Inbound traffic for the node's app (15000). */
    ingress?: number;
    /** Outbound traffic of the app: HTTP routed by Host, redirected TCP by original destination port (15001). */
    egress?: number;
    /** First port of the localhost TCP listeners for apps that are not redirected, one per TCP backend port in name order (15100); redirected TCP uses the egress port. */
    tcpEgressBase?: number;
  };
  /** Address of the admin endpoint (127.0.0.1: the admin API must not be reachable from outside). */
  adminAddress?: string;
  /** Address the ingress and egress listeners bind to (0.0.0.0). */
  listenerAddress?: string;
  /** Where the node's own app listens, next to the proxy (127.0.0.1). */
  localAppAddress?: string;
  /** The xDS server an ADS bootstrap connects to (127.0.0.1:18000). */
  xds?: { host: string; port: number };
  /** Every control-plane replica an ADS bootstrap lists (XDS_ADDRESSES); `xds` alone when empty. */
  xdsAddresses?: { host: string; port: number }[];
  /** DNS servers (IP and port) the proxy resolves node hostnames with, instead of the system's. */
  dnsResolvers?: { host: string; port: number }[];
  /** How often an ADS-bootstrapped Envoy streams its stats to meshwright (10 000 ms; tests shorten it). */
  statsFlushIntervalMs?: number;
}

export interface ResolvedOptions {
  mode: CompileMode;
  adminPort: number;
  ingressPort: number;
  egressPort: number;
  tcpEgressBase: number;
  adminAddress: string;
  listenerAddress: string;
  localAppAddress: string;
  xds: { host: string; port: number };
  xdsAddresses: { host: string; port: number }[];
  dnsResolvers: { host: string; port: number }[];
  statsFlushIntervalMs: number;
}

export const DEFAULT_OPTIONS: ResolvedOptions = {
  mode: 'static',
  adminPort: 9901,
  ingressPort: 15000,
  egressPort: 15001,
  tcpEgressBase: 15100,
  adminAddress: '127.0.0.1',
  listenerAddress: '0.0.0.0',
  localAppAddress: '127.0.0.1',
  xds: { host: '127.0.0.1', port: 18000 },
  xdsAddresses: [],
  dnsResolvers: [],
  statsFlushIntervalMs: 10_000,
};

export function resolveOptions(options: CompileOptions = {}): ResolvedOptions {
  const d = DEFAULT_OPTIONS;
  return {
    mode: options.mode ?? d.mode,
    adminPort: options.ports?.admin ?? d.adminPort,
    ingressPort: options.ports?.ingress ?? d.ingressPort,
    egressPort: options.ports?.egress ?? d.egressPort,
    tcpEgressBase: options.ports?.tcpEgressBase ?? d.tcpEgressBase,
    adminAddress: options.adminAddress ?? d.adminAddress,
    listenerAddress: options.listenerAddress ?? d.listenerAddress,
    localAppAddress: options.localAppAddress ?? d.localAppAddress,
    xds: options.xds ?? d.xds,
    xdsAddresses: options.xdsAddresses ?? d.xdsAddresses,
    dnsResolvers: options.dnsResolvers ?? d.dnsResolvers,
    statsFlushIntervalMs: options.statsFlushIntervalMs ?? d.statsFlushIntervalMs,
  };
}
