// Shared by `npm start` and `npm test`: install workspace dependencies on a fresh clone, and say
// exactly what to run when something outside npm is missing.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

/** Call ensureNode() first: the native module is built for the Node that runs npm ci. */
export function ensureNodeModules() {
  if (!existsSync('node_modules/.package-lock.json') || !existsSync('node_modules/better-sqlite3')) {
    console.log('node_modules is missing: running npm ci');
    if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
      console.error('npm ci failed; run it by hand: node scripts/ensure-node.mjs npm ci');
      process.exit(1);
    }
  }
  // better-sqlite3 13 is Node-API with prebuilt binaries in its package, so it loads on any supported
  // Node; an older tree (12.x, compiled for one Node's ABI) does not load here: reinstall it.
  const load = "require('better-sqlite3')(':memory:').close()";
  if (run(process.execPath, ['-e', load], { stdio: 'ignore' }) !== 0) {
    console.log(`better-sqlite3 does not load on Node ${process.versions.node}: reinstalling node_modules (npm ci)`);
    if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0 || run(process.execPath, ['-e', load]) !== 0) {
      console.error('better-sqlite3 does not load; run: node scripts/ensure-node.mjs npm ci');
      process.exit(1);
    }
  }
}

/** The newest modification time of any file under `dir` (0 when it does not exist). */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  const stat = statSync(dir);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(dir, name)));
  }
  return newest;
}

/** Whether `built` is missing or older than any of `sources` (files or folders). */
function outOfDate(built, sources) {
  if (!existsSync(built)) return 'missing';
  return sources.some((p) => newestMtime(p) > statSync(built).mtimeMs) ? 'stale' : undefined;
}

/** The console's sources: a `git pull` that changes any of them makes the built console stale. */
const consoleSources = ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'apps/web/package.json', 'packages/model/src'];

export function ensureWebBuild() {
  const why = outOfDate('apps/web/dist/index.html', consoleSources);
  if (why) {
    console.log(`${why === 'stale' ? 'the console is older than its sources' : 'the console is not built'}: npm run build`);
    if (run('npm', ['run', 'build']) !== 0) process.exit(1);
  }
}

/** The server's sources: what scripts/build-server.mjs bundles, and the script itself. */
const serverSources = ['apps/bff/src', 'apps/bff/package.json', 'packages/model/src', 'packages/model/package.json', 'scripts/build-server.mjs'];

/** Compiles the server to apps/bff/dist/server.mjs when it is missing or older than its sources; returns its path. */
export async function ensureServerBuild() {
  // Imported here, not above: esbuild is in node_modules only after ensureNodeModules().
  const { buildServer, serverOut } = await import('./build-server.mjs');
  const why = outOfDate(serverOut, serverSources);
  if (why) {
    console.log(`${why === 'stale' ? 'the compiled server is older than its sources' : 'the server is not compiled'}: building apps/bff/dist/server.mjs`);
    await buildServer();
  }
  return serverOut;
}
