// `--from-app-mesh`: not built yet; see the report of issue 13.
import { ImportInputError, type ImportResult } from '@meshwright/model';
import type { ImportFlags } from './flags';

export async function importFromAppMesh(flags: ImportFlags): Promise<ImportResult> {
  throw new ImportInputError(flags.mesh ?? '--from-app-mesh', '--from-app-mesh is not built yet');
}
