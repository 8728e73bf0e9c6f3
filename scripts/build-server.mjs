// Compiles the server (apps/bff/src/server.ts and the model it imports) to one JavaScript file,
// apps/bff/dist/server.mjs, which `npm start` runs with plain node: no TypeScript compiler in the
// serving process. npm packages stay outside the file (node loads them from node_modules, native
// better-sqlite3 included); only our own TypeScript is bundled.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, relative, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const serverEntry = resolve(root, 'apps/bff/src/server.ts');
export const serverOut = resolve(root, 'apps/bff/dist/server.mjs');

/**
 * Bundled code still finds files beside its source (the console's dist, the traffic protos) by
 * `new URL(..., import.meta.url)`: each source's import.meta.url becomes its own file's URL, written
 * relative to the bundle so the checkout can move.
 */
const sourceUrls = (outfile) => ({
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = relative(dirname(outfile), args.path).split('\\').join('/');
      const expr = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', expr), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
});

/** Bare imports stay imports, except our workspace packages, whose TypeScript is bundled. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@meshwright/') ? undefined : { path: args.path, external: true }));
  },
};

/** `outfile`: where the bundle goes (tests build into a temporary folder). */
export async function buildServer(outfile = serverOut) {
  await buildBundle(serverEntry, outfile);
}

/** Any entry of this checkout bundled as the server is (benchmarks load their in-process control plane so). */
export async function buildBundle(entry, outfile) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [sourceUrls(outfile), externalPackages],
    banner: { js: `// Built by scripts/build-server.mjs from apps/bff/src; do not edit.` },
  });
}

// `node scripts/build-server.mjs [--out FILE]` (npm run build:server).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : serverOut;
  await buildServer(out);
  console.log(`built ${relative(process.cwd(), out)}`);
}
