// Test support: real meshwright replica processes (server.ts) on one PostgreSQL schema, each with its
// own HTTP and xDS port, seeded with the test admin key so testkit's signed requests work against any.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppMeshClient } from '@aws-sdk/client-app-mesh';
import { dropPostgresSchema } from '../apps/bff/src/store/postgres-store';
import { appMeshClient, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from './bff';
import { pgSetupHint } from './stores';

const serverTs = fileURLToPath(new URL('../apps/bff/src/server.ts', import.meta.url));

export interface Replica {
  url: string;
  xdsPort: number;
  client: AppMeshClient;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** SIGTERM and wait for the exit. */
  stop: () => Promise<void>;
}

export interface ReplicaSet {
  schema: string;
  databaseUrl: string;
  /** Starts one more replica; `env` adds to (or overrides) its environment. */
  start: (env?: Record<string, string>) => Promise<Replica>;
  /** Kills every replica still running and drops the schema. */
  close: () => Promise<void>;
}

/** A fresh schema in TEST_DATABASE_URL for this set; fails (never skips) without it. */
export function replicaSet(shared: Record<string, string> = {}): ReplicaSet {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) throw new Error(pgSetupHint);
  const schema = `mw_rep_${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-replicas-'));
  const running: Replica[] = [];
  const start = async (env: Record<string, string> = {}): Promise<Replica> => {
    const child = spawn(process.execPath, ['--import', 'tsx', serverTs], {
      env: {
        ...process.env, PORT: '0', XDS_PORT: '0', DATA_DIR: dataDir, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema,
        MESHWRIGHT_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID, MESHWRIGHT_SECRET_ACCESS_KEY: TEST_SECRET_ACCESS_KEY,
        // Every replica must decrypt the keys the others stored.
        MESHWRIGHT_MASTER_KEY: '7'.repeat(64), ...shared, ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /ready on (https?:\/\/\S+) .*xDS [^:\s]+:(\d+)/.exec(text);
        if (m) { clearInterval(timer); resolve(m); }
      }, 50);
      void exited.then(() => { clearInterval(timer); reject(new Error(`replica exited before ready: ${text}`)); });
    });
    const url = ready[1] ?? '';
    const replica: Replica = {
      url, xdsPort: Number(ready[2]), client: appMeshClient(url), child, output: () => text, exited,
      stop: async () => { child.kill('SIGTERM'); await exited; },
    };
    running.push(replica);
    return replica;
  };
  return {
    schema,
    databaseUrl,
    start,
    close: async () => {
      for (const r of running) {
        r.client.destroy();
        if (r.child.exitCode === null && r.child.signalCode === null) { r.child.kill('SIGKILL'); await r.exited; }
      }
      rmSync(dataDir, { recursive: true, force: true });
      await dropPostgresSchema(databaseUrl, schema);
    },
  };
}
