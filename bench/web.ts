// Prints the gzip size of the JavaScript the browser needs for the console's first page (home) and
// for the "Get started" wizard, from the Vite build manifest. Run after `npm run build -w apps/web`:
//   npx tsx bench/web.ts
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const dist = new URL('../apps/web/dist/', import.meta.url).pathname;
const manifestPath = join(dist, '.vite/manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`no ${manifestPath}: build the console first (npm run build -w apps/web)`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, Chunk>;
const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

/** A chunk and everything it imports statically (what loads before it can run). */
function closure(keys: string[], seen = new Set<string>()): Set<string> {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    closure(manifest[key]?.imports ?? [], seen);
  }
  return seen;
}

const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
const wizardKey = Object.keys(manifest).find((k) => k.endsWith('WizardPage.tsx'));
if (!entryKey || !wizardKey) {
  console.error('the manifest has no entry or no WizardPage chunk');
  process.exit(1);
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const jsOf = (keys: Set<string>) => [...keys].map((k) => manifest[k]?.file ?? '').filter((f) => f.endsWith('.js'));
const total = (files: string[]) => files.reduce((sum, f) => sum + gz(f), 0);

const firstPage = closure([entryKey]);
const wizard = closure([wizardKey], new Set(firstPage));
const firstFiles = jsOf(firstPage);
const wizardFiles = jsOf(wizard);
const budget = 200 * 1024;

console.log('JavaScript (gzip -9) needed per page:');
console.log(`  first page (home):        ${kb(total(firstFiles)).padStart(9)}  ${firstFiles.join(', ')}`);
console.log(`  wizard (home + wizard):   ${kb(total(wizardFiles)).padStart(9)}  +${wizardFiles.filter((f) => !firstFiles.includes(f)).join(', ')}`);
console.log(`  budget:                   ${kb(budget).padStart(9)}  ${total(wizardFiles) <= budget ? 'met' : 'EXCEEDED'}`);
const lazy = Object.entries(manifest)
  .filter(([k]) => /topology\/index\.ts$|YamlViewer\.tsx$/.test(k))
  .map(([k, c]) => `${k.split('/').slice(-2).join('/')} ${kb(gz(c.file))}`);
console.log(`  loaded only when used:    ${lazy.join('; ') || 'none found'}`);
const css = [...firstPage].flatMap((k) => manifest[k]?.css ?? []);
console.log(`  CSS of the first page:    ${kb(css.reduce((s, f) => s + gz(f), 0)).padStart(9)}`);
