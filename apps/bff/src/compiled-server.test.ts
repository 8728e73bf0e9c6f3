// What `npm start` runs: the server compiled to JavaScript (scripts/build-server.mjs), started with
// plain node, no TypeScript loader. It answers signed App Mesh calls, finds files beside its sources
// (the traffic protos load at start), and exits 0 on SIGTERM.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { CreateMeshCommand, ListMeshesCommand } from '@aws-sdk/client-app-mesh';
import { appMeshClient, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../../../testkit/bff';

const root = fileURLToPath(new URL('../../..', import.meta.url));
// Inside the checkout (dist/ is ignored), so the bundle resolves npm packages as the real one does.
mkdirSync(join(root, 'apps/bff/dist'), { recursive: true });
const dir = mkdtempSync(join(root, 'apps/bff/dist/test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the compiled server serves signed App Mesh calls under plain node and drains on SIGTERM', async () => {
  const out = join(dir, 'server.mjs');
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-server.mjs'), '--out', out], { encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  // Only npm packages are imported; none of them is a TypeScript loader.
  assert.doesNotMatch(readFileSync(out, 'utf8'), /from\s+["']tsx|["']\.\.?\/[^"']+\.tsx?["']\)?;?\s*$/m);
  const child = spawn(process.execPath, [out], {
    cwd: dir,
    env: { ...process.env, PORT: '0', XDS_PORT: '0', DATA_DIR: join(dir, 'data'), DATABASE_URL: '', NODE_OPTIONS: '',
      MESHWRIGHT_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID, MESHWRIGHT_SECRET_ACCESS_KEY: TEST_SECRET_ACCESS_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /ready on (http:\/\/\S+)/.exec(text);
      if (m?.[1]) { clearInterval(timer); resolve(m[1]); }
    }, 50);
    void exited.then(() => { clearInterval(timer); reject(new Error(`the compiled server exited before ready: ${text}`)); });
  });
  const client = appMeshClient(url);
  try {
    await client.send(new CreateMeshCommand({ meshName: 'compiled' }));
    const listed = await client.send(new ListMeshesCommand({}));
    assert.deepEqual(listed.meshes?.map((m) => m.meshName), ['compiled']);
  } finally {
    client.destroy();
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0, text);
});
