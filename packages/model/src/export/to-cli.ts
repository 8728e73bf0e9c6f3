// A bundle as `aws appmesh create-* --cli-input-json` files, one resource per file.
import { bundleItems, itemName } from './bundle-items';

const prefixes = { mesh: 'mesh', virtualNode: 'vn', virtualRouter: 'vr', route: 'route', virtualService: 'vs', virtualGateway: 'vg', gatewayRoute: 'gr' } as const;
const fileSafe = (raw: string) => raw.replace(/[^A-Za-z0-9._-]+/g, '_');

/** File name -> CLI-input document; `meshwright import DIR` and `meshwright validate DIR` read them back. */
export function exportCliInputs(bundle: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const { meshName, items } = bundleItems(bundle);
  const files: Record<string, Record<string, unknown>> = {};
  for (const item of items) {
    // Routes and gateway routes are named within their parent: `route-<router>-<route>.json`, `gr-<gateway>-<route>.json`.
    const label = itemName(item).replace('/', '-');
    const file = item.kind === 'mesh' ? 'mesh.json' : `${prefixes[item.kind]}-${fileSafe(label)}.json`;
    const parent = item.kind === 'route' ? { virtualRouterName: item.virtualRouterName } : item.kind === 'gatewayRoute' ? { virtualGatewayName: item.virtualGatewayName } : {};
    const names = item.kind === 'mesh' ? {} : { [`${item.kind}Name`]: item.name, ...parent };
    files[file] = { meshName, ...names, ...(item.spec === undefined ? {} : { spec: item.spec }), ...(item.tags ? { tags: item.tags } : {}) };
  }
  return files;
}
