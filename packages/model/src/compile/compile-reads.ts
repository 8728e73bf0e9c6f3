// Compile for one virtual node, recording which parts of the mesh it read, so a change elsewhere in
// the mesh is known not to change that node's output (the xDS server then skips its compile). compile
// reads the mesh through the index only (nodes, routers and services by name, routes by router; see
// envoy/context.ts), plus the mesh itself and the node's own item: every name it looks up is recorded,
// found or not (a resource created later under that name matters too). Anything that walks a whole
// index map instead of looking a name up records '*': "depends on everything", never a silent miss.
import type { MeshIndex } from '../input/mesh-index';
import type { MeshModel } from '../input/mesh-model';
import type { CompileOptions } from '../envoy/options';
import { indexModel } from '../envoy/context';
import { compileIndexed, type CompileResult } from './compile';

/** What a compile read: `virtualNode:<name>`, `virtualRouter:<name>`, `virtualService:<name>`, `routesOf:<router>`, or '*'. */
export type CompileReads = ReadonlySet<string>;

/** The read key a change to one resource touches; undefined for kinds node compiles never read (gateways). */
export function readKeyOf(kind: string, name: string): string | undefined {
  switch (kind) {
    case 'virtualNode':
    case 'virtualRouter':
    case 'virtualService':
      return `${kind}:${name}`;
    case 'route':
      // Routes are `<router>/<route>` in change events; compile reads them as the router's list.
      return `routesOf:${name.slice(0, name.indexOf('/'))}`;
    default:
      return undefined;
  }
}

// One index per model object: models are immutable, and every node of a mesh shares it.
const indexes = new WeakMap<MeshModel, MeshIndex>();
function sharedIndex(model: MeshModel): MeshIndex {
  let index = indexes.get(model);
  if (!index) {
    index = indexModel(model);
    indexes.set(model, index);
  }
  return index;
}

/** A read-only view of `map` that records each looked-up key as `<prefix>:<key>`, and '*' for any other use. */
function recording<V>(map: Map<string, V>, prefix: string, reads: Set<string>): Map<string, V> {
  // Made once per view: a lookup costs a trap and a Set insert, no closure.
  const get = (key: string) => {
    reads.add(`${prefix}:${key}`);
    return map.get(key);
  };
  const has = (key: string) => {
    reads.add(`${prefix}:${key}`);
    return map.has(key);
  };
  return new Proxy(map, {
    get(target, prop) {
      if (prop === 'get') return get;
      if (prop === 'has') return has;
      reads.add('*');
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** compile(model, name, options), and what of the mesh it read. */
export function compileWithReads(model: MeshModel, virtualNodeName: string, options: CompileOptions = {}): { result: CompileResult; reads: CompileReads } {
  const index = sharedIndex(model);
  const reads = new Set<string>();
  const tracked: MeshIndex = {
    nodes: recording(index.nodes, 'virtualNode', reads),
    routers: recording(index.routers, 'virtualRouter', reads),
    services: recording(index.services, 'virtualService', reads),
    routesByRouter: recording(index.routesByRouter, 'routesOf', reads),
  };
  return { result: compileIndexed(model, tracked, virtualNodeName, options), reads };
}
