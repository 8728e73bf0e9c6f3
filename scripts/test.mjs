// `npm test`: every test, in CI order: typecheck, lint, model/CLI/web unit tests and the real-Envoy
// proofs, the BFF suites on SQLite and PostgreSQL, the console build, and the browser journeys.
import { spawnSync } from 'node:child_process';
import { ensureNodeModules } from './ensure-install.mjs';
import { ensureNode } from './ensure-node.mjs';
import { ensurePostgres, ensurePrereqs } from './prereqs.mjs';
import { runNodeTests } from './run-node-tests.mjs';

ensureNode();
ensureNodeModules();
ensurePrereqs();
const databaseUrl = ensurePostgres();

const results = [];
let pass = 0;
let fail = 0;

function step(name, fn) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const r = fn();
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  results.push(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${name} (${secs} s)`);
  pass += r.pass ?? 0;
  fail += r.fail ?? (r.code === 0 ? 0 : 1);
  return r.code === 0;
}
const npm = (...args) => () => ({ code: spawnSync('npm', args, { stdio: 'inherit' }).status ?? 1 });

step('typecheck', () => ({ code: spawnSync('node', ['scripts/typecheck.mjs'], { stdio: 'inherit' }).status ?? 1 }));
step('lint', npm('run', 'lint'));
step('model, CLI, console and Envoy tests', () => runNodeTests(['packages', 'apps/cli', 'apps/web/src']));
step('BFF tests (SQLite and PostgreSQL)', () => runNodeTests(['apps/bff/src'], { TEST_DATABASE_URL: databaseUrl }));
const built = step('console build', npm('run', 'build'));
if (built) {
  step('browser journeys (Playwright, Chromium)', () => {
    const r = spawnSync('npm', ['run', 'e2e'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const text = r.stdout?.toString() ?? '';
    process.stdout.write(text);
    const num = (re) => Number(re.exec(text)?.[1] ?? 0);
    return { code: r.status ?? 1, pass: num(/(\d+) passed/), fail: num(/(\d+) failed/) || (r.status === 0 ? 0 : 1) };
  });
}

console.log(`\n=== summary ===\n${results.join('\n')}`);
console.log(`${pass} passed, ${fail} failed`);
process.exit(results.some((r) => r.startsWith('FAIL')) ? 1 : 0);
