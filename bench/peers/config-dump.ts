// Reads what meshwright's Envoy holds from its /config_dump, so the peer serves the same resources.
type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function section(dump: unknown, suffix: string): Json {
  return obj(arr(obj(dump).configs).find((c) => String(obj(c)['@type']).endsWith(`.${suffix}`)));
}

export interface Resources {
  listeners: Json[];
  routes: Json[];
  clusters: Json[];
}

/**
 * The dynamic listeners, route configurations and clusters. Listener ports are replaced by `ports`
 * (in order) so the second Envoy, on the same machine, does not bind the first one's ports.
 */
export function resourcesOf(dump: unknown, ports: number[]): Resources {
  const listeners = arr(section(dump, 'ListenersConfigDump').dynamic_listeners).map((l, i) => {
    const listener = structuredClone(obj(obj(obj(l).active_state).listener));
    const socket = obj(obj(listener.address).socket_address);
    const port = ports[i];
    if (port === undefined) throw new Error(`more listeners than ports (${ports.length})`);
    socket.address = '127.0.0.1';
    socket.port_value = port;
    return listener;
  });
  const routes = arr(section(dump, 'RoutesConfigDump').dynamic_route_configs).map((r) => obj(obj(r).route_config));
  const clusters = arr(section(dump, 'ClustersConfigDump').dynamic_active_clusters).map((c) => obj(obj(c).cluster));
  return { listeners, routes, clusters };
}

/** The route configuration holding a weighted route, and its clusters in weight order (blue, green). */
export function weightedRoute(dump: unknown): { routeName: string; clusters: string[] } | undefined {
  for (const r of arr(section(dump, 'RoutesConfigDump').dynamic_route_configs)) {
    const rc = obj(obj(r).route_config);
    for (const vh of arr(rc.virtual_hosts)) {
      for (const route of arr(obj(vh).routes)) {
        const wc = arr(obj(obj(obj(route).route).weighted_clusters).clusters);
        if (wc.length === 2) return { routeName: String(rc.name), clusters: wc.map((c) => String(obj(c).name)) };
      }
    }
  }
  return undefined;
}
