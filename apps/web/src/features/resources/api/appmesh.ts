import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateGatewayRouteInput, CreateMeshInput, CreateRouteInput, CreateVirtualGatewayInput, CreateVirtualNodeInput, CreateVirtualRouterInput, CreateVirtualServiceInput } from '@meshwright/model';
import { apiRequest, seg } from '../../../lib/api-client';

// The App Mesh 2019-01-25 REST API as the console uses it: query options factories with
// hierarchical keys (['meshes', mesh, 'virtualNodes', name]) and the update/delete mutations.
// Wire shapes come from the model's Create*Input types: a described resource is its create input
// (names and spec) without the request-only members, plus what the server adds.

/** What the server adds to every resource (App Mesh's ResourceMetadata); the model has no schema for responses. */
export interface ResourceMetadata {
  arn: string;
  uid: string;
  version: number;
  createdAt: number;
  lastUpdatedAt: number;
  meshOwner: string;
  resourceOwner: string;
}

export type ChildKind = 'virtualNode' | 'virtualService' | 'virtualRouter' | 'route' | 'virtualGateway' | 'gatewayRoute';

interface InputOf {
  virtualNode: CreateVirtualNodeInput;
  virtualService: CreateVirtualServiceInput;
  virtualRouter: CreateVirtualRouterInput;
  route: CreateRouteInput;
  virtualGateway: CreateVirtualGatewayInput;
  gatewayRoute: CreateGatewayRouteInput;
}

export type SpecOf = { [K in ChildKind]: InputOf[K]['spec'] };

/** A create input as a describe answers it: the request-only members gone, metadata and status added. */
type DescribedFrom<I> = Omit<I, 'clientToken' | 'tags' | 'meshOwner'> & { metadata: ResourceMetadata; status: { status: string } };

/** A described resource: `{meshName, <kind>Name, spec, metadata, status}`. */
export type Described<K extends ChildKind> = DescribedFrom<InputOf[K]>;

export type DescribedMesh = DescribedFrom<CreateMeshInput>;

export interface ResourceRef {
  name: string;
  arn: string;
  lastUpdatedAt: number;
  version: number;
}

const base = '/v20190125/meshes';
const plural = { virtualNode: 'virtualNodes', virtualService: 'virtualServices', virtualRouter: 'virtualRouters', route: 'routes', virtualGateway: 'virtualGateways', gatewayRoute: 'gatewayRoutes' } as const;
const nameKey = { virtualNode: 'virtualNodeName', virtualService: 'virtualServiceName', virtualRouter: 'virtualRouterName', route: 'routeName', virtualGateway: 'virtualGatewayName', gatewayRoute: 'gatewayRouteName' } as const;

/** Where a child resource lives; routes hang under their router (singular `virtualRouter` in the path). */
export interface ChildId {
  mesh: string;
  kind: ChildKind;
  /** Only for routes. */
  router?: string;
  /** Only for gateway routes, which hang under their gateway (singular `virtualGateway` in the path). */
  gateway?: string;
}

function collectionPath({ mesh, kind, router, gateway }: ChildId): string {
  if (kind === 'route') return `${base}/${seg(mesh)}/virtualRouter/${seg(router ?? '')}/routes`;
  if (kind === 'gatewayRoute') return `${base}/${seg(mesh)}/virtualGateway/${seg(gateway ?? '')}/gatewayRoutes`;
  return `${base}/${seg(mesh)}/${plural[kind]}`;
}

export function resourceKey({ mesh, kind, router, gateway }: ChildId, name?: string): string[] {
  const key =
    kind === 'route'
      ? ['meshes', mesh, 'virtualRouters', router ?? '', 'routes']
      : kind === 'gatewayRoute'
        ? ['meshes', mesh, 'virtualGateways', gateway ?? '', 'gatewayRoutes']
        : ['meshes', mesh, plural[kind]];
  return name === undefined ? key : [...key, name];
}

/** Every page of a list (the API pages by at most 100). */
async function listAll(path: string, listKey: string, itemName: string, signal: AbortSignal): Promise<ResourceRef[]> {
  const out: ResourceRef[] = [];
  let token: string | undefined;
  do {
    const q = token ? `?limit=100&nextToken=${encodeURIComponent(token)}` : '?limit=100';
    const page = await apiRequest<Record<string, unknown>>(path + q, { signal });
    const items = page[listKey];
    if (Array.isArray(items)) {
      for (const item of items as Record<string, unknown>[]) {
        out.push({ name: String(item[itemName]), arn: String(item.arn), lastUpdatedAt: Number(item.lastUpdatedAt), version: Number(item.version) });
      }
    }
    token = typeof page.nextToken === 'string' ? page.nextToken : undefined;
  } while (token);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export const meshesQueryOptions = () =>
  queryOptions({ queryKey: ['meshes'], queryFn: ({ signal }) => listAll(base, 'meshes', 'meshName', signal) });

export const meshQueryOptions = (mesh: string) =>
  queryOptions({ queryKey: ['meshes', mesh], queryFn: ({ signal }) => apiRequest<DescribedMesh>(`${base}/${seg(mesh)}`, { signal }) });

export const childrenQueryOptions = (id: ChildId) =>
  queryOptions({ queryKey: resourceKey(id), queryFn: ({ signal }) => listAll(collectionPath(id), plural[id.kind], nameKey[id.kind], signal) });

export function childQueryOptions<K extends ChildKind>(id: ChildId & { kind: K }, name: string) {
  return queryOptions({
    queryKey: resourceKey(id, name),
    queryFn: ({ signal }) => apiRequest<Described<K>>(`${collectionPath(id)}/${seg(name)}`, { signal }),
  });
}

/** GET /api/meshes/{mesh}/virtualNodes/{node}/sync-status: the node's connected Envoys and their xDS state. */
export interface SyncStatus {
  /** SYNCED, NOT_SENT, STALE, NACKED (worst over the proxies) or DISCONNECTED. */
  state: string;
  /** Why the latest change could not become config for this node (the last good config stays). */
  configError: string | null;
  proxies: { streamId: string; nodeId: string; address: string; connectedSince: string; state: string }[];
}

export const syncStatusQueryOptions = (mesh: string, node: string) =>
  queryOptions({
    queryKey: ['meshes', mesh, 'virtualNodes', node, 'sync-status'],
    queryFn: ({ signal }) => apiRequest<SyncStatus>(`/api/meshes/${seg(mesh)}/virtualNodes/${seg(node)}/sync-status`, { signal }),
    retry: false,
  });

/** Update replaces the whole spec (App Mesh semantics). */
export function useUpdateResource<K extends ChildKind>(id: ChildId & { kind: K }, name: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (spec: SpecOf[K]) => apiRequest<Described<K>>(`${collectionPath(id)}/${seg(name)}`, { method: 'PUT', body: { spec } }),
    onSuccess: (data) => {
      queryClient.setQueryData(resourceKey(id, name), data);
      return queryClient.invalidateQueries({ queryKey: ['meshes', id.mesh] });
    },
  });
}

/** Create: `PUT` on the collection with the resource's name and spec (App Mesh semantics); never optimistic. */
export function useCreateResource<K extends ChildKind>(id: ChildId & { kind: K }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, spec }: { name: string; spec: SpecOf[K] }) =>
      apiRequest<Described<K>>(collectionPath(id), { method: 'PUT', body: { [nameKey[id.kind]]: name, spec } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['meshes', id.mesh] }),
  });
}

export function useDeleteResource(id: ChildId | { kind: 'mesh'; mesh: string }, name: string) {
  const queryClient = useQueryClient();
  const path = id.kind === 'mesh' ? `${base}/${seg(name)}` : `${collectionPath(id)}/${seg(name)}`;
  return useMutation({
    mutationFn: () => apiRequest<unknown>(path, { method: 'DELETE' }),
    onSuccess: () => {
      const key = id.kind === 'mesh' ? ['meshes'] : resourceKey(id);
      queryClient.removeQueries({ queryKey: id.kind === 'mesh' ? ['meshes', name] : resourceKey(id, name) });
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });
}

export const envoyConfigUrl = (mesh: string, node: string, mode: 'static' | 'ads', format: 'yaml' | 'json' = 'yaml') =>
  `/api/meshes/${seg(mesh)}/virtualNodes/${seg(node)}/envoy-config?mode=${mode}&format=${format}`;
