import type { TopologyKind } from './graph-types';

// Same encoding as the console's api-client `seg`; kept local so this lib stays free of app imports.
const seg = encodeURIComponent;

/** The console page of a resource; `name` is `<router>/<route>` for routes. */
export function resourceHref(meshName: string, kind: TopologyKind, name: string): string {
  const mesh = `/meshes/${seg(meshName)}`;
  switch (kind) {
    case 'virtualNode':
      return `${mesh}/virtualNodes/${seg(name)}`;
    case 'virtualService':
      return `${mesh}/virtualServices/${seg(name)}`;
    case 'virtualGateway':
      return `${mesh}/virtualGateways/${seg(name)}`;
    case 'virtualRouter':
      return `${mesh}/virtualRouters/${seg(name)}`;
    case 'route': {
      const slash = name.indexOf('/');
      return `${mesh}/virtualRouters/${seg(name.slice(0, slash))}/routes/${seg(name.slice(slash + 1))}`;
    }
  }
}
