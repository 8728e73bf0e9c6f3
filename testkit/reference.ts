// Test support: where the App Mesh API model JSON is. shared/ sits beside the repository on
// developers' machines and in CI; APPMESH_API_MODEL can point elsewhere.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const candidates = [
  process.env.APPMESH_API_MODEL,
  fileURLToPath(new URL('../../shared/reference/appmesh-api-2019-01-25.json', import.meta.url)),
  '/work/shared/reference/appmesh-api-2019-01-25.json',
].filter((c): c is string => Boolean(c));

/** The path of appmesh-api-2019-01-25.json; throws naming the places looked at when it is missing. */
export function appMeshApiModelPath(): string {
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`the App Mesh API model is not at ${candidates.join(' or ')}; set APPMESH_API_MODEL to its path`);
  return found;
}
