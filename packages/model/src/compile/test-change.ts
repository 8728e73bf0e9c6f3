// Test helper: one resource of a mesh created, replaced or deleted, the way a write changes a mesh
// (every other item stays the same object).
import type { MeshModel } from '../input/mesh-model';

export type Kind = 'virtualNode' | 'virtualRouter' | 'virtualService' | 'route';
export interface Item { kind: Kind; name: string; value: unknown }

export const itemsOf = (m: MeshModel): Item[] => [
  ...m.virtualNodes.map((v) => ({ kind: 'virtualNode' as const, name: v.virtualNodeName, value: v })),
  ...m.virtualRouters.map((v) => ({ kind: 'virtualRouter' as const, name: v.virtualRouterName, value: v })),
  ...m.virtualServices.map((v) => ({ kind: 'virtualService' as const, name: v.virtualServiceName, value: v })),
  ...m.routes.map((v) => ({ kind: 'route' as const, name: `${v.virtualRouterName}/${v.routeName}`, value: v })),
];

const listOf = { virtualNode: 'virtualNodes', virtualRouter: 'virtualRouters', virtualService: 'virtualServices', route: 'routes' } as const;

/** `model` with the resource `kind`/`name` set to `value` (appended when new), or removed when value is undefined. */
export function withChange(model: MeshModel, kind: Kind, name: string, value: unknown): MeshModel {
  const key = listOf[kind];
  const list = model[key] as readonly unknown[];
  const rest = list.filter((v) => itemsOf({ ...model, [key]: [v] } as MeshModel).find((i) => i.kind === kind)?.name !== name);
  return { ...model, [key]: value === undefined ? rest : [...rest, value] };
}
