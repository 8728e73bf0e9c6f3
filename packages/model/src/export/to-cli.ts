// A bundle as `aws appmesh create-* --cli-input-json` files, one resource per file.
import { bundleItems } from './bundle-items';

const prefixes = { mesh: 'mesh', virtualNode: 'vn', virtualRouter: 'vr', route: 'route', virtualService: 'vs', virtualGateway: 'vg', gatewayRoute: 'gr' } as const;
const fileSafe = (raw: string) => raw.replace(/[^A-Za-z0-9._-]+/g, '_');

/** File name -> CLI-input document; `meshwright import DIR` and `meshwright validate DIR` read them back. */
export function exportCliInputs(bundle: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const { meshName, items } = bundleItems(bundle);
  const files: Record<string, Record<string, unknown>> = {};
  for (const item of items) {
    const label = item.kind === 'route' ? `${item.virtualRouterName ?? ''}-${item.name}` : item.name;
    const file = item.kind === 'mesh' ? 'mesh.json' : `${prefixes[item.kind]}-${fileSafe(label)}.json`;
    const names = item.kind === 'mesh' ? {} : item.kind === 'route' ? { routeName: item.name, virtualRouterName: item.virtualRouterName } : { [`${item.kind}Name`]: item.name };
    files[file] = { meshName, ...names, ...(item.spec === undefined ? {} : { spec: item.spec }), ...(item.tags ? { tags: item.tags } : {}) };
  }
  return files;
}
