// Runs node's test runner (through tsx) on every *.test.ts / *.test.tsx under the given folders.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensureNode } from './ensure-node.mjs';

export function findTests(dirs) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'dist') continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.test\.tsx?$/.test(name)) out.push(p);
    }
  };
  for (const d of dirs) { try { walk(d); } catch { /* folder not there yet */ } }
  return out.sort();
}

/** Returns {code, pass, fail}; output goes to the console as the runner prints it. */
export function runNodeTests(dirs, env = {}) {
  const files = findTests(dirs);
  if (files.length === 0) return { code: 0, pass: 0, fail: 0 };
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  const text = r.stdout?.toString() ?? '';
  process.stdout.write(text);
  const num = (re) => Number(re.exec(text)?.[1] ?? 0);
  return { code: r.status ?? 1, pass: num(/ℹ pass (\d+)/), fail: num(/ℹ fail (\d+)/) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureNode();
  const r = runNodeTests(process.argv.slice(2));
  process.exit(r.code);
}
