// The one compile (the same function feeds the download, the review screen and the CLI) bound to ADS
// mode and the ports the proxies use: compile for a virtual node (recording what it read, so changes
// elsewhere skip it; incremental, so a change rebuilds only the resources it can alter, and without the
// bootstrap, which ADS never serves), compileGateway for a virtual gateway (it reads the mesh's gateway
// routes: every change recompiles it). One options object for every compile: compile keeps its pieces per options object.
import { compileGateway, compileWithReads, type CompileOptions } from '@meshwright/model';
import type { CompileNode } from './snapshot-cache';

export function adsCompileNode(options: CompileOptions = {}): CompileNode {
  const ads = { ...options, mode: 'ads' as const };
  return (model, name, kind) => {
    if (kind === 'virtualGateway') return { ...compileGateway(model, name, ads), reads: new Set(['*']) };
    const { result, reads } = compileWithReads(model, name, ads);
    return { resources: result.resources, reads };
  };
}
