// The server as `npm start` runs it: the esbuild bundle of apps/bff/src (scripts/build-server.mjs),
// built afresh for each benchmark run into apps/bff/dist/bench-<pid>/ (inside the checkout, so the
// bundle resolves npm packages as the real one does). Benchmarks time this, not the TypeScript run
// through tsx: tsx keeps function names by wrapping every closure as it is made, work the
// production server never does. compiledModule does the same for code a benchmark runs in its own
// process (the control plane of bench/xds.ts), with the build's settings.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

type BuildScript = { buildBundle: (entry: string, out: string) => Promise<void>; serverEntry: string };

/** `entry` bundled as the server is, into a folder of its own under apps/bff/dist; its path and how to remove it. */
async function bundle(entry: string, name: string): Promise<{ path: string; remove: () => void }> {
  const { buildBundle } = (await import(join(repoRoot, 'scripts/build-server.mjs'))) as BuildScript;
  const dir = join(repoRoot, 'apps/bff/dist', `bench-${name}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.mjs`);
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await buildBundle(entry, path);
  } catch (err) {
    remove();
    throw err;
  }
  return { path, remove };
}

/** Builds the server's bundle; returns its path and how to remove it. */
export async function compiledServer(): Promise<{ path: string; remove: () => void }> {
  const { serverEntry } = (await import(join(repoRoot, 'scripts/build-server.mjs'))) as BuildScript;
  return bundle(serverEntry, 'server');
}

/**
 * `entry` (a TypeScript file of this checkout) bundled as the server is and imported: the module
 * as the compiled server would run it. The bundle is removed once it is loaded.
 */
export async function compiledModule<T>(entry: string): Promise<T> {
  const built = await bundle(join(repoRoot, entry), 'module');
  try {
    return (await import(pathToFileURL(built.path).href)) as T;
  } finally {
    built.remove();
  }
}

/**
 * `entry` (a TypeScript file of this checkout) bundled for a worker thread, built once per process:
 * the workers of bench/xds.ts and bench/replicas.ts run compiled like the server, not through tsx.
 * The bundle is removed when this process exits.
 */
export function compiledWorker(entry: string): Promise<string> {
  let built = workers.get(entry);
  if (!built) {
    built = bundle(join(repoRoot, entry), `worker-${workers.size}`).then(({ path, remove }) => {
      process.once('exit', remove);
      return path;
    });
    workers.set(entry, built);
  }
  return built;
}
const workers = new Map<string, Promise<string>>();
