// Deletes through the write path: refused while anything still needs the resource (ResourceInUseException).
import { blockingReferences, type MeshModel, type ReferenceRelation, type ResourceKind } from '@meshwright/model';
import { describeKey, findingName, keyOf, type ResourceNames } from '../appmesh/kinds';
import { toData } from '../appmesh/representation';
import type { ServiceContext } from '../appmesh/service-context';
import { NotFoundError, ResourceInUseError } from '../http/errors';
import type { ResourceKey } from '../store/types';
import { changeEvent, commit } from './commit';
import { requireContainers } from './resource-write';

/** Why each kind of reference keeps its target, in the order they are reported. */
const inUseBy: [Exclude<ReferenceRelation, 'backend'>, (names: string[]) => string][] = [
  ['router', (names) => `still has route ${names.join(', ')}; delete the routes first`],
  // A gateway's routes are named by their own names: the gateway is the resource being deleted.
  ['gateway', (names) => `still has gateway route ${names.map((n) => n.slice(n.indexOf('/') + 1)).join(', ')}; delete the gateway routes first`],
  ['target', (names) => `is a target of route ${names.join(', ')}`],
  ['gatewayTarget', (names) => `is the target of gateway route ${names.join(', ')}`],
  ['provider', (names) => `is the provider of virtual service ${names.join(', ')}`],
];

const childKinds: ResourceKind[] = ['virtualNode', 'virtualService', 'virtualRouter', 'route', 'virtualGateway', 'gatewayRoute'];

/** Why `key` cannot be deleted from `model`, or undefined when it can. */
export function inUse(key: ResourceKey, model: MeshModel): string | undefined {
  if (key.kind === 'mesh') {
    const counts: Record<string, number> = {
      virtualNode: model.virtualNodes.length,
      virtualService: model.virtualServices.length,
      virtualRouter: model.virtualRouters.length,
      route: model.routes.length,
      virtualGateway: model.virtualGateways.length,
      gatewayRoute: model.gatewayRoutes.length,
    };
    const left = childKinds.flatMap((k) => {
      const n = counts[k] ?? 0;
      return n > 0 ? [`${n} ${k}${n === 1 ? '' : 's'}`] : [];
    });
    return left.length > 0 ? `${describeKey(key)} still has ${left.join(', ')}; delete them first` : undefined;
  }
  const refs = blockingReferences(model, { kind: key.kind, name: findingName(key) });
  for (const [relation, why] of inUseBy) {
    const names = [...new Set(refs.filter((r) => r.relation === relation).map((r) => r.from.name))];
    if (names.length > 0) return `${describeKey(key)} ${why(names)}`;
  }
  return undefined;
}

export function deleteResource(ctx: ServiceContext, kind: ResourceKind, input: ResourceNames): Promise<Record<string, unknown>> {
  return ctx.lock.run({ meshName: input.meshName }, async () => {
    const key = keyOf(kind, input);
    await requireContainers(ctx, key);
    const existing = await ctx.store.get(key);
    if (!existing) throw new NotFoundError(`${describeKey(key)} does not exist`);
    const model = await ctx.store.loadMeshModel(key.meshName);
    const blocker = model && inUse(key, model);
    if (blocker) throw new ResourceInUseError(blocker);
    await commit(ctx, { writes: [{ op: 'delete', key }] }, changeEvent(key, 'delete'));
    return { [kind]: toData(ctx.config, existing, 'DELETED') };
  });
}
