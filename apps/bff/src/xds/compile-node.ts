// The one compile (the same function feeds the download, the review screen and the CLI) bound to ADS
// mode and the ports the proxies use.
import { compile, type CompileOptions } from '@meshwright/model';
import type { CompileNode } from './snapshot-cache';

export function adsCompileNode(options: CompileOptions = {}): CompileNode {
  return (model, nodeName) => compile(model, nodeName, { ...options, mode: 'ads' });
}
