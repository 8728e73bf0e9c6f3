// The one compile (the same function feeds the download, the review screen and the CLI) bound to ADS
// mode and the ports the proxies use: compile for a virtual node, compileGateway for a virtual gateway.
import { compile, compileGateway, type CompileOptions } from '@meshwright/model';
import type { CompileNode } from './snapshot-cache';

export function adsCompileNode(options: CompileOptions = {}): CompileNode {
  return (model, name, kind) =>
    kind === 'virtualGateway' ? compileGateway(model, name, { ...options, mode: 'ads' }) : compile(model, name, { ...options, mode: 'ads' });
}
