import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../testkit/ports';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

async function waitForHealth(url: string, child: { exitCode: number | null }): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`the BFF exited with code ${child.exitCode} before answering ${url}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the BFF did not answer ${url} within 30 s`);
}

/** Builds the console (unless E2E_SKIP_BUILD=1), starts the real BFF (HTTP and xDS) on free ports, stops it after. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.E2E_SKIP_BUILD !== '1') {
    const build = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('building the console failed');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'meshwright-e2e-'));
  const port = await freePort();
  const xdsPort = await freePort();
  const child = spawn('npx', ['tsx', 'apps/bff/src/server.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, XDS_PORT: String(xdsPort) },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(`${url}/healthz`, child);
  // Workers inherit the environment: the fixtures read both (the xDS port for specs that run a real Envoy).
  process.env.MESHWRIGHT_E2E_URL = url;
  process.env.MESHWRIGHT_E2E_XDS_PORT = String(xdsPort);
  return async () => {
    if (child.pid !== undefined && child.exitCode === null) {
      // npx starts tsx which starts node: stop the whole group.
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}
