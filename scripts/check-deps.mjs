// Enforces the one-way dependency rule: apps import the model; the model imports nothing of ours
// and no framework; only tests import testkit/. Fails with the offending file and import.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.tsx?$/.test(name)) yield p;
  }
}
const allowedInModel = new Set(['zod', 'yaml']);
const problems = [];
for (const file of files('packages/model/src')) {
  for (const m of readFileSync(file, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)) {
    const spec = m[1];
    if (spec.startsWith('.') || spec.startsWith('node:test') || spec.startsWith('node:assert')) continue;
    if (file.endsWith('.test.ts') && (spec === 'fast-check' || spec.startsWith('node:'))) continue;
    if (!allowedInModel.has(spec)) problems.push(`${file}: the model may not import '${spec}'`);
  }
}
for (const app of ['apps/bff/src', 'apps/cli/src', 'apps/web/src']) {
  try { statSync(app); } catch { continue; }
  for (const file of files(app)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      if (/^@meshwright\/(bff|web|cli)/.test(spec) || /\.\.\/\.\.\/\.\.\/(apps|packages)\//.test(spec)) {
        problems.push(`${file}: apps import only @meshwright/model, not '${spec}'`);
      }
    }
  }
}
// Test support is for tests: production code that reached into testkit/ would ship it.
for (const src of ['packages/model/src', 'apps/bff/src', 'apps/cli/src', 'apps/web/src']) {
  try { statSync(src); } catch { continue; }
  for (const file of files(src)) {
    if (/\.test\.tsx?$/.test(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)) {
      if (/(^|\/)testkit(\/|$)/.test(m[1])) problems.push(`${file}: only tests may import testkit, not '${m[1]}'`);
    }
  }
}
if (problems.length) { console.error(problems.join('\n')); process.exit(1); }
console.log('dependency rule: ok');
