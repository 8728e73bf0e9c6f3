// server.ts as a real process: xDS TLS is the default (the CA made in DATA_DIR, said at start);
// XDS_INSECURE=1 runs plaintext with a warning; a bad XDS_INSECURE value stops the start.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'mw-xds-start-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the server until its ready line (then SIGTERM) or its exit; resolves with all it printed. */
function startOnce(env: Record<string, string>): Promise<{ output: string; exitCode: number | null }> {
  const child = spawn('npx', ['tsx', 'apps/bff/src/server.ts'], {
    cwd: repoRoot,
    detached: true,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', XDS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/ready on http/.test(output) && /\n$/.test(output) && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (exitCode) => resolve({ output, exitCode }));
  });
}

test('xDS is TLS by default, with the CA made in DATA_DIR at first start', async () => {
  const { output } = await startOnce({ XDS_INSECURE: '' });
  assert.match(output, /xDS 127\.0\.0\.1:\d+ TLS/);
  assert.match(output, new RegExp(`xDS over TLS with client certificates, CA ${join(dataDir, 'ca.crt')} \\(created now\\)`));
  assert.equal(statSync(join(dataDir, 'ca.key')).mode & 0o777, 0o600);
});

test('XDS_INSECURE=1 serves plaintext and warns at start; another value stops the start', async () => {
  const insecure = await startOnce({ XDS_INSECURE: '1' });
  assert.match(insecure.output, /WARNING: XDS_INSECURE=1: xDS is plaintext and unauthenticated/);
  assert.match(insecure.output, /xDS 127\.0\.0\.1:\d+ PLAINTEXT/);
  const bad = await startOnce({ XDS_INSECURE: 'yes' });
  assert.equal(bad.exitCode, 1);
  assert.match(bad.output, /XDS_INSECURE=yes: use 1 for plaintext xDS, or leave it unset/);
});
