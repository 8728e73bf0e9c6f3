// Two meshwright processes on one SQLite file would each hold their own write lock and sync state:
// the second one must stop at once with a clear message, and the first keep serving.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const serverTs = fileURLToPath(new URL('../server.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'mw-one-process-'));
const started: ChildProcess[] = [];
after(() => {
  for (const p of started) p.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function startServer(): { child: ChildProcess; output: () => string; exited: Promise<number | null>; ready: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', serverTs], { env: { ...process.env, PORT: '0', XDS_PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /ready on (http:\/\/\S+)/.exec(text);
      if (m?.[1]) { clearInterval(timer); resolve(m[1]); }
    }, 50);
    void exited.then(() => { clearInterval(timer); reject(new Error(`exited before ready: ${text}`)); });
  });
  ready.catch(() => undefined); // a server expected to fail never gets ready; that is not an error here
  return { child, output: () => text, exited, ready };
}

test('a second server on the same SQLite file stops with a clear message; the first keeps serving', async () => {
  const first = startServer();
  const url = await first.ready;
  const second = startServer();
  assert.equal(await second.exited, 1);
  assert.match(second.output(), /meshwright\.db is in use by another meshwright process; run one process per SQLite file, or set DATABASE_URL/);
  const res = await fetch(`${url}/healthz`);
  assert.equal(res.status, 200);
});
