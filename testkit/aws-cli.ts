// Test support: the real AWS CLI (`aws appmesh ...`) against a test server, with throwaway credentials
// and no profile, the way a user leaving App Mesh would run it.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiServer } from './http';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface AwsCli {
  /** Runs `aws appmesh <args>` against the server; resolves with what the CLI printed. */
  run: (...args: string[]) => Promise<CliResult>;
  /** Like run, but the command must succeed; its JSON output parsed ({} when it printed nothing). */
  ok: (...args: string[]) => Promise<Record<string, unknown>>;
  /** Writes a --cli-input-json file and returns its file:// argument. */
  inputFile: (name: string, content: unknown) => string;
  /** Removes the CLI's temporary home. */
  dispose: () => void;
}

const install = 'apt-get install -y awscli';

/** Fails, not skips, without the CLI: a suite using it is the proof that `aws appmesh` works. */
export function awsCli(server: ApiServer): AwsCli {
  const probe = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new Error(`the aws CLI is missing; install it with: ${install}`);
  const dir = mkdtempSync(join(tmpdir(), 'mw-aws-cli-'));
  // Async on purpose: the server runs in this process and must keep answering while the CLI waits.
  const run = (...args: string[]): Promise<CliResult> =>
    new Promise((resolve) => {
      execFile(
        'aws',
        ['appmesh', ...args, '--endpoint-url', server.url, '--region', 'us-west-2', '--output', 'json'],
        {
          env: {
            PATH: process.env.PATH ?? '',
            HOME: dir,
            AWS_ACCESS_KEY_ID: 'AKIDMESHWRIGHTTEST',
            AWS_SECRET_ACCESS_KEY: 'not-a-secret',
            AWS_CONFIG_FILE: join(dir, 'none'),
            AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
            AWS_PAGER: '',
          },
        },
        (err, stdout, stderr) => {
          const code = err && typeof err.code === 'number' ? err.code : err ? 1 : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  return {
    run,
    ok: async (...args) => {
      const r = await run(...args);
      assert.equal(r.code, 0, `aws appmesh ${args.join(' ')} failed: ${r.stderr}`);
      return r.stdout.trim() === '' ? {} : (JSON.parse(r.stdout) as Record<string, unknown>);
    },
    inputFile: (name, content) => {
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify(content));
      return `file://${file}`;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A member deep inside the CLI's JSON output; undefined where the path leads nowhere. */
export const field = (o: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
