// Starts the real BFF (HTTP and xDS) as its own process on free ports with a fresh SQLite data dir and
// a seeded admin key, as global setup does for the suite and specs that need a differently configured
// server (a tiny session idle time) do for themselves.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../testkit/ports';

export const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface BffProcess {
  url: string;
  xdsPort: number;
  region: string;
  admin: Credentials;
  stop: () => Promise<void>;
}

/** Fresh admin credentials shaped like AWS's (the server refuses seeds that are not). */
export function newAdminCredentials(): Credentials {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const id = `MWE2E${[...randomBytes(15)].map((b) => alphabet[b % 32]).join('')}`;
  return { accessKeyId: id, secretAccessKey: randomBytes(30).toString('base64') };
}

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

/** The server, answering /healthz; `env` adds to (or overrides) its configuration. */
export async function startBff(env: Record<string, string> = {}): Promise<BffProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'meshwright-e2e-'));
  const port = await freePort();
  const xdsPort = await freePort();
  const admin = newAdminCredentials();
  const region = process.env.AWS_REGION || process.env.REGION || 'us-west-2';
  const child = spawn('npx', ['tsx', 'apps/bff/src/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      XDS_PORT: String(xdsPort),
      AWS_REGION: region,
      MESHWRIGHT_ACCESS_KEY_ID: admin.accessKeyId,
      MESHWRIGHT_SECRET_ACCESS_KEY: admin.secretAccessKey,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(`${url}/healthz`, child);
  return {
    url,
    xdsPort,
    region,
    admin,
    stop: async () => {
      if (child.pid !== undefined && child.exitCode === null) {
        // npx starts tsx which starts node: stop the whole group.
        process.kill(-child.pid, 'SIGTERM');
        await new Promise((r) => setTimeout(r, 500));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
