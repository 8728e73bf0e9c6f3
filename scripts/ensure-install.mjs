// Shared by `npm start` and `npm test`: install workspace dependencies on a fresh clone, and say
// exactly what to run when something outside npm is missing.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

export function ensureNodeModules() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) {
    console.error(`meshwright needs Node.js 20 or newer (this is ${process.version}).`);
    process.exit(1);
  }
  if (!existsSync('node_modules/.package-lock.json') || !existsSync('node_modules/better-sqlite3')) {
    console.log('node_modules is missing: running npm ci');
    if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
      console.error('npm ci failed; run it by hand: npm ci');
      process.exit(1);
    }
  }
}

export function ensureWebBuild() {
  if (!existsSync('apps/web/dist/index.html')) {
    console.log('building the console: npm run build');
    if (run('npm', ['run', 'build']) !== 0) process.exit(1);
  }
}
