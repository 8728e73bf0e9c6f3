// Compile for one virtual node, with what it read of the mesh, so a change elsewhere in the mesh is known
// not to change that node's output (the xDS server then skips its compile). compile reads the mesh through
// the index only (nodes, routers and services by name, routes by router), plus the mesh itself and the
// node's own item: every name it looks up is recorded, found or not (a resource created later under that
// name matters too). Anything that walks a whole index map instead of looking a name up records '*':
// "depends on everything", never a silent miss. The reads are those of the pieces compile assembled
// (backend-part.ts records each part's lookups), whether built now or kept from an earlier run.
import type { MeshModel } from '../input/mesh-model';
import type { CompileOptions } from '../envoy/options';
import { compileResources, sharedIndex, type CompileResult } from './compile';

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

/**
 * compile(model, name, options) without the bootstrap (the xDS server serves resources and never a
 * bootstrap, so it is not built), and what of the mesh it read.
 */
export function compileWithReads(model: MeshModel, virtualNodeName: string, options: CompileOptions = {}): { result: Omit<CompileResult, 'bootstrap'>; reads: CompileReads } {
  const { resources, diagnostics, reads } = compileResources(model, sharedIndex(model), virtualNodeName, options);
  return { result: { resources, diagnostics }, reads };
}
