// `--from-app-mesh`: lists and describes every resource of one mesh through the AWS SDK (AWS itself
// with the usual credentials, or any meshwright given --endpoint) and imports them as CLI inputs.
import {
  AppMeshClient,
  DescribeMeshCommand,
  DescribeRouteCommand,
  DescribeVirtualNodeCommand,
  DescribeVirtualRouterCommand,
  DescribeGatewayRouteCommand,
  DescribeVirtualGatewayCommand,
  DescribeVirtualServiceCommand,
  ListGatewayRoutesCommand,
  ListRoutesCommand,
  ListTagsForResourceCommand,
  ListVirtualNodesCommand,
  ListVirtualRoutersCommand,
  ListVirtualGatewaysCommand,
  ListVirtualServicesCommand,
  type TagRef,
} from '@aws-sdk/client-app-mesh';
import { importCliDocuments, ImportInputError, type ImportResult, type InputDocument } from '@meshwright/model';
import type { ImportFlags } from './flags';

async function pages<T>(fetchPage: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken?: string | undefined }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    all.push(...page.items);
    token = page.nextToken;
  } while (token);
  return all;
}

export async function importFromAppMesh(flags: ImportFlags): Promise<ImportResult> {
  const meshName = flags.mesh;
  if (meshName === undefined) throw new ImportInputError('--from-app-mesh', 'needs --mesh NAME');
  if (flags.region === undefined) throw new ImportInputError('--from-app-mesh', 'needs --region REGION');
  const client = new AppMeshClient({ region: flags.region, ...(flags.endpoint === undefined ? {} : { endpoint: flags.endpoint }), maxAttempts: 3 });
  const source = `app-mesh:${flags.region}/${meshName}`;
  try {
    const tags = async (arn: string | undefined): Promise<{ tags?: TagRef[] }> => {
      if (arn === undefined) return {};
      const list = await pages(async (nextToken) => {
        const r = await client.send(new ListTagsForResourceCommand({ resourceArn: arn, nextToken }));
        return { items: r.tags ?? [], nextToken: r.nextToken };
      });
      return list.length ? { tags: list } : {};
    };
    const mesh = (await client.send(new DescribeMeshCommand({ meshName }))).mesh;
    const docs: InputDocument[] = [{ source, json: { meshName, spec: mesh?.spec ?? {}, ...(await tags(mesh?.metadata?.arn)) } }];
    const push = (json: Record<string, unknown>) => docs.push({ source, json });

    const nodes = await pages(async (nextToken) => {
      const r = await client.send(new ListVirtualNodesCommand({ meshName, nextToken }));
      return { items: r.virtualNodes ?? [], nextToken: r.nextToken };
    });
    for (const n of nodes) {
      const d = (await client.send(new DescribeVirtualNodeCommand({ meshName, virtualNodeName: n.virtualNodeName }))).virtualNode;
      push({ meshName, virtualNodeName: n.virtualNodeName, spec: d?.spec, ...(await tags(n.arn)) });
    }
    const routers = await pages(async (nextToken) => {
      const r = await client.send(new ListVirtualRoutersCommand({ meshName, nextToken }));
      return { items: r.virtualRouters ?? [], nextToken: r.nextToken };
    });
    for (const vr of routers) {
      const d = (await client.send(new DescribeVirtualRouterCommand({ meshName, virtualRouterName: vr.virtualRouterName }))).virtualRouter;
      push({ meshName, virtualRouterName: vr.virtualRouterName, spec: d?.spec, ...(await tags(vr.arn)) });
      const routes = await pages(async (nextToken) => {
        const r = await client.send(new ListRoutesCommand({ meshName, virtualRouterName: vr.virtualRouterName, nextToken }));
        return { items: r.routes ?? [], nextToken: r.nextToken };
      });
      for (const rt of routes) {
        const d2 = (await client.send(new DescribeRouteCommand({ meshName, virtualRouterName: vr.virtualRouterName, routeName: rt.routeName }))).route;
        push({ meshName, virtualRouterName: vr.virtualRouterName, routeName: rt.routeName, spec: d2?.spec, ...(await tags(rt.arn)) });
      }
    }
    const services = await pages(async (nextToken) => {
      const r = await client.send(new ListVirtualServicesCommand({ meshName, nextToken }));
      return { items: r.virtualServices ?? [], nextToken: r.nextToken };
    });
    for (const s of services) {
      const d = (await client.send(new DescribeVirtualServiceCommand({ meshName, virtualServiceName: s.virtualServiceName }))).virtualService;
      push({ meshName, virtualServiceName: s.virtualServiceName, spec: d?.spec, ...(await tags(s.arn)) });
    }
    const gateways = await pages(async (nextToken) => {
      const r = await client.send(new ListVirtualGatewaysCommand({ meshName, nextToken }));
      return { items: r.virtualGateways ?? [], nextToken: r.nextToken };
    });
    for (const g of gateways) {
      const virtualGatewayName = g.virtualGatewayName;
      const d = (await client.send(new DescribeVirtualGatewayCommand({ meshName, virtualGatewayName }))).virtualGateway;
      push({ meshName, virtualGatewayName, spec: d?.spec, ...(await tags(g.arn)) });
      const routes = await pages(async (nextToken) => {
        const r = await client.send(new ListGatewayRoutesCommand({ meshName, virtualGatewayName, nextToken }));
        return { items: r.gatewayRoutes ?? [], nextToken: r.nextToken };
      });
      for (const gr of routes) {
        const d2 = (await client.send(new DescribeGatewayRouteCommand({ meshName, virtualGatewayName, gatewayRouteName: gr.gatewayRouteName }))).gatewayRoute;
        push({ meshName, virtualGatewayName, gatewayRouteName: gr.gatewayRouteName, spec: d2?.spec, ...(await tags(gr.arn)) });
      }
    }
    return importCliDocuments(docs, { mesh: meshName });
  } catch (e) {
    if (e instanceof ImportInputError) throw e;
    // SDK errors (NotFoundException, no credentials, no connection) make the input unreadable: exit 2.
    throw new ImportInputError(source, `${(e as Error).name}: ${(e as Error).message}`);
  } finally {
    client.destroy();
  }
}
