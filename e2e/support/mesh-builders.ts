// Bundle items the topology specs build their meshes from (CLI-input shape, as the API takes them).

/** One http listener on 8080, for nodes and routers alike. */
export const httpListeners = [{ portMapping: { port: 8080, protocol: 'http' } }];

/** A virtual node on port 8080 (http) with a DNS name and the given backend services. */
export function httpNode(meshName: string, name: string, backends: string[]) {
  return {
    meshName,
    virtualNodeName: name,
    spec: {
      listeners: httpListeners,
      serviceDiscovery: { dns: { hostname: `${name}.shop.local` } },
      ...(backends.length ? { backends: backends.map((b) => ({ virtualService: { virtualServiceName: b } })) } : {}),
    },
  };
}
