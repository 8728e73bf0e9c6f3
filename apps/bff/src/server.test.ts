// server.ts as a real process: ready line, healthz, nothing lost after SIGKILL, clean exit on SIGTERM.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { CreateMeshCommand, CreateVirtualNodeCommand, DescribeVirtualNodeCommand, ListMeshesCommand, UpdateVirtualNodeCommand } from '@aws-sdk/client-app-mesh';
import { nodeSpec } from '../../../testkit/appmesh-specs';
import { appMeshClient, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../../../testkit/bff';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts `npx tsx apps/bff/src/server.ts` in its own process group (npx and tsx spawn children). */
function startServer(dataDir: string): Promise<Running> {
  const child = spawn('npx', ['tsx', 'apps/bff/src/server.ts'], {
    cwd: repoRoot,
    detached: true,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', XDS_PORT: '0', MESHWRIGHT_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID, MESHWRIGHT_SECRET_ACCESS_KEY: TEST_SECRET_ACCESS_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /ready on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1], output: () => out });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before it was ready:\n${out}`)));
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });

describe('server process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-bff-restart-'));
  const started: ChildProcess[] = [];
  after(() => {
    for (const c of started) killGroup(c, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('data written before a SIGKILL is all there after a restart', async () => {
    const first = await startServer(dataDir);
    started.push(first.child);
    assert.match(first.output(), /meshwright BFF ready on http:\/\/127\.0\.0\.1:\d+/);
    assert.equal((await fetch(`${first.url}/healthz`)).status, 200);
    const c1 = appMeshClient(first.url);
    await c1.send(new CreateMeshCommand({ meshName: 'durable' }));
    await c1.send(new CreateVirtualNodeCommand({ meshName: 'durable', virtualNodeName: 'web', spec: nodeSpec('web.local') }));
    await c1.send(new UpdateVirtualNodeCommand({ meshName: 'durable', virtualNodeName: 'web', spec: nodeSpec('web.local', 9090) }));
    c1.destroy();
    killGroup(first.child, 'SIGKILL');
    await exited(first.child);

    const second = await startServer(dataDir);
    started.push(second.child);
    const c2 = appMeshClient(second.url);
    const meshes = await c2.send(new ListMeshesCommand({}));
    assert.deepEqual(meshes.meshes?.map((m) => m.meshName), ['durable']);
    const node = await c2.send(new DescribeVirtualNodeCommand({ meshName: 'durable', virtualNodeName: 'web' }));
    assert.equal(node.virtualNode?.metadata?.version, 2);
    assert.equal(node.virtualNode?.spec?.listeners?.[0]?.portMapping?.port, 9090);
    c2.destroy();

    // SIGTERM is a clean shutdown: the server says so, and it stops answering.
    const closed = new Promise((resolve) => second.child.on('close', resolve));
    killGroup(second.child, 'SIGTERM');
    await closed;
    assert.match(second.output(), /SIGTERM received, shutting down/);
    await assert.rejects(fetch(`${second.url}/healthz`));
  });
});
