// Secure first start as a user meets it: `server.ts` on an empty data folder makes an admin key,
// writes DATA_DIR/credentials (0600, profile meshwright) and prints one line; with that line's
// environment the real AWS CLI works. The key survives a restart. TLS_CERT/TLS_KEY serve HTTPS
// (the AWS CLI verifies it against the CA) and the session cookie is then Secure.
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { makeCerts } from '../../../../testkit/certs';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** With `credentialsLine`, ready only once the line is printed too. */
function startServer(env: Record<string, string>, credentialsLine = false): Promise<Running> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MESHWRIGHT_') && !k.startsWith('TLS_')));
  const child = spawn('npx', ['tsx', 'apps/bff/src/server.ts'], {
    cwd: repoRoot,
    detached: true,
    env: { ...clean, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: '', XDS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /ready on (https?:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1] && (!credentialsLine || /export AWS_SHARED_CREDENTIALS_FILE=.*\n/.test(out))) resolve({ child, url: m[1], output: () => out });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before it was ready:\n${out}`)));
  });
}

/** Stops the whole process group (npx, tsx, node) and lets go of its output pipes. */
async function stop(child: ChildProcess): Promise<void> {
  // A child ended by a signal has signalCode set and exitCode null.
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    } catch {
      // already gone
    }
  }
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group has ended
  }
  child.stdout?.destroy();
  child.stderr?.destroy();
}

/** The variables of `export A=1 B=2`. */
function exported(line: string): Record<string, string> {
  assert.match(line, /^export /);
  return Object.fromEntries(line.replace(/^export /, '').split(' ').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

function aws(args: string[], env: Record<string, string>, home: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const base = { PATH: process.env.PATH ?? '', HOME: home, AWS_CONFIG_FILE: join(home, 'none'), AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1' };
    execFile('aws', [...args, '--output', 'json'], { env: { ...base, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('first start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mw-first-start-'));
  const home = mkdtempSync(join(tmpdir(), 'mw-first-start-home-'));
  const started: ChildProcess[] = [];
  after(async () => {
    for (const c of started) await stop(c);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  test('an empty store gets an admin key in DATA_DIR/credentials (0600) and one line that makes the AWS CLI use it', async () => {
    const first = await startServer({ DATA_DIR: dataDir }, true);
    started.push(first.child);
    const line = first.output().split('\n').find((l) => l.startsWith('export ')) ?? '';
    const env = exported(line);
    const file = join(dataDir, 'credentials');
    assert.deepEqual(env, { AWS_SHARED_CREDENTIALS_FILE: file, AWS_PROFILE: 'meshwright', AWS_DEFAULT_REGION: 'us-west-2', AWS_ENDPOINT_URL_APP_MESH: first.url });
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(dataDir, 'master.key')).mode & 0o777, 0o600);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^\[meshwright\]\naws_access_key_id = MW[A-Z2-7]{18}\naws_secret_access_key = \S{40}\nregion = us-west-2\n$/);

    // The line alone: no --endpoint-url, no --region.
    const listed = await aws(['appmesh', 'list-meshes'], env, home);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout), { meshes: [] });
    const created = await aws(['appmesh', 'create-mesh', '--mesh-name', 'from-cli', '--endpoint-url', first.url], env, home);
    assert.equal(created.code, 0, created.stderr);
    const unsigned = await aws(['appmesh', 'list-meshes', '--no-sign-request'], env, home);
    assert.match(unsigned.stderr, /\(MissingAuthenticationTokenException\)/);
    await stop(first.child);

    // A restart keeps the key (no new one is made) and prints the line again.
    const second = await startServer({ DATA_DIR: dataDir }, true);
    started.push(second.child);
    assert.equal(readFileSync(file, 'utf8'), text);
    const again = exported(second.output().split('\n').find((l) => l.startsWith('export ')) ?? '');
    const meshes = await aws(['appmesh', 'list-meshes'], again, home);
    assert.equal(meshes.code, 0, meshes.stderr);
    assert.deepEqual((JSON.parse(meshes.stdout) as { meshes: { meshName: string }[] }).meshes.map((m) => m.meshName), ['from-cli']);
    await stop(second.child);
  });

  test('TLS_CERT and TLS_KEY serve HTTPS: the AWS CLI verifies the certificate, and the session cookie is Secure', async () => {
    const certs = makeCerts(['localhost']);
    const tlsDir = mkdtempSync(join(tmpdir(), 'mw-first-start-tls-'));
    try {
      const server = await startServer({ DATA_DIR: tlsDir, TLS_CERT: certs.serverCert, TLS_KEY: certs.serverKey, MESHWRIGHT_ACCESS_KEY_ID: 'MWTLSADMIN0000000001', MESHWRIGHT_SECRET_ACCESS_KEY: 'tls-secret-0123456789abcdefghijklmnopqr' });
      started.push(server.child);
      assert.match(server.url, /^https:/);
      assert.doesNotMatch(server.output(), /export AWS_SHARED_CREDENTIALS_FILE/, 'seeded from the environment: no credentials file');
      const env = { AWS_ACCESS_KEY_ID: 'MWTLSADMIN0000000001', AWS_SECRET_ACCESS_KEY: 'tls-secret-0123456789abcdefghijklmnopqr', AWS_DEFAULT_REGION: 'us-west-2' };
      const listed = await aws(['appmesh', 'list-meshes', '--endpoint-url', server.url, '--ca-bundle', certs.caCert], env, home);
      assert.equal(listed.code, 0, listed.stderr);
      const setCookie = await new Promise<string>((resolve, reject) => {
        const body = JSON.stringify({ accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY });
        const req = request(`${server.url}/api/session`, { method: 'POST', agent: false, ca: readFileSync(certs.caCert), headers: { 'content-type': 'application/json', 'content-length': String(body.length) } }, (res) => {
          res.resume();
          resolve(String(res.headers['set-cookie'] ?? ''));
        });
        req.on('error', reject);
        req.end(body);
      });
      assert.match(setCookie, /^meshwright_session=\S+; HttpOnly; SameSite=Strict; Path=\/; Secure$/);
      await stop(server.child);
    } finally {
      rmSync(tlsDir, { recursive: true, force: true });
      rmSync(certs.dir, { recursive: true, force: true });
    }
  });
});
