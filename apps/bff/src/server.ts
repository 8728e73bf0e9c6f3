// Reads configuration from the environment, opens the store and listens. Everything else is createApp.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAccessLogRoots } from '@meshwright/model';
import { createApp } from './app';
import { jsonLogger, stdoutLines } from './metrics/json-logger';
import { createServerMetrics } from './metrics/server-metrics';
import { exportLine, firstStart, seedFromEnv } from './auth/first-start';
import { loadMasterKey } from './auth/secret-box';
import { createHttpServer } from './http/http-server';
import { startChangeListener, type ChangeListener } from './replicas/change-listener';
import { httpDrain } from './replicas/http-drain';
import { readReplicaEnv } from './replicas/replica-env';
import { createSharedSyncRouter } from './replicas/shared-sync-router';
import { startSharedSyncStatus, type SharedSyncStatus } from './replicas/shared-sync-status';
import { isPostgresUrl, openStore } from './store/open-store';
import { createXdsRouter, startXdsServer } from './xds/index';
import { createTraffic, createTrafficRouter } from './traffic/index';
import { xdsSecurityFromEnv } from './xds/tls/security-from-env';

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`${name}=${raw} is not a port number (0-65535)`);
    process.exit(2);
  }
  return n;
}

const port = intFromEnv('PORT', 8080);
const host = process.env.HOST || '127.0.0.1';
const dataDir = process.env.DATA_DIR || './data';
const databaseUrl = process.env.DATABASE_URL || undefined;
const xdsHost = process.env.XDS_HOST || '127.0.0.1';
const xdsPort = intFromEnv('XDS_PORT', 18000);
const accountId = process.env.ACCOUNT_ID || '000000000000';
const region = process.env.AWS_REGION || process.env.REGION || 'us-west-2';
const { roots: accessLogRoots, error: rootsError } = parseAccessLogRoots(process.env.ACCESS_LOG_ROOTS);
if (rootsError !== undefined) {
  console.error(rootsError);
  process.exit(2);
}
const allowedHosts = allowedHostsFromEnv();
const { seed, error: seedError } = seedFromEnv(process.env);
if (seedError !== undefined) {
  console.error(seedError);
  process.exit(2);
}
const sessionIdleMinutes = positiveFromEnv('SESSION_IDLE_MINUTES', 30);
const sessionMaxHours = positiveFromEnv('SESSION_MAX_HOURS', 12);
const auditKeep = positiveFromEnv('AUDIT_KEEP', 10000);
const tls = tlsFromEnv();
const drainSeconds = intFromEnv('SHUTDOWN_DRAIN_SECONDS', 0);
// Set by SIGTERM/SIGINT; read by /readyz.
let stopping = false;
const replicaEnv = (() => {
  try {
    return readReplicaEnv(process.env);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  }
})();
const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** ALLOWED_HOSTS=mesh.example.com,10.0.0.5 plus PUBLIC_URL's host: the names, besides loopback, requests may address. */
function allowedHostsFromEnv(): string[] {
  const hosts = (process.env.ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter((h) => h !== '');
  const publicUrl = process.env.PUBLIC_URL;
  if (publicUrl) {
    try {
      hosts.push(new URL(publicUrl).host);
    } catch {
      console.error(`PUBLIC_URL=${publicUrl} is not a URL`);
      process.exit(2);
    }
  }
  return hosts;
}

function positiveFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name}=${raw} is not a positive whole number`);
    process.exit(2);
  }
  return n;
}

/** TLS_CERT and TLS_KEY (PEM files), both or neither: then the API and console are served over HTTPS. */
function tlsFromEnv(): { cert: Buffer; key: Buffer } | undefined {
  const certFile = process.env.TLS_CERT || undefined;
  const keyFile = process.env.TLS_KEY || undefined;
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) {
    console.error('set both TLS_CERT and TLS_KEY (PEM files) to serve HTTPS, or neither');
    process.exit(2);
  }
  try {
    return { cert: readFileSync(certFile), key: readFileSync(keyFile) };
  } catch (err) {
    console.error(`cannot read TLS_CERT/TLS_KEY: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  }
}

/** Startup failures (port taken, database down) end the process with one clear line, not a stack. */
async function orExit<T>(what: string, p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    console.error(`meshwright BFF could not start: ${what}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

const store = await orExit(databaseUrl ? 'opening PostgreSQL' : `opening SQLite in ${dataDir}`, openStore({ dataDir, databaseUrl, schema: replicaEnv.schema }));
const masterKey = await orExit('loading the master key', Promise.resolve().then(() => loadMasterKey(dataDir, process.env.MESHWRIGHT_MASTER_KEY).key));
const admin = await orExit('preparing the admin key', firstStart(store.auth, dataDir, region, seed));
const traffic = createTraffic();
const xdsSecurity = await orExit('setting up xDS TLS', xdsSecurityFromEnv(process.env, { dataDir, xdsHost, certificates: store.proxyCertificates }));
if (!xdsSecurity.credentials) console.warn(xdsSecurity.summary);
const xds = await orExit(`starting the xDS server on ${xdsHost}:${xdsPort}`, startXdsServer({ store, host: xdsHost, port: xdsPort, compileOptions: replicaEnv.compileOptions, logger: jsonLogger, security: xdsSecurity.security, registerServices: traffic.registerServices }));
const metrics = createServerMetrics({ token: process.env.METRICS_TOKEN || undefined, log: stdoutLines.write });
metrics.watchXds(xds.core);
// On PostgreSQL every replica hears every committed write (its own too) through LISTEN/NOTIFY.
const changes: ChangeListener | undefined = isPostgresUrl(databaseUrl)
  ? await orExit('listening for changes', startChangeListener({ connectionString: databaseUrl, schema: replicaEnv.schema ?? 'public', onChange: (e) => xds.onChange(e), logger: jsonLogger }))
  : undefined;
// ...and writes its proxies' sync status where every replica's console reads it.
const sharedSync: SharedSyncStatus | undefined = isPostgresUrl(databaseUrl)
  ? await orExit('sharing sync status', startSharedSyncStatus({ connectionString: databaseUrl, schema: replicaEnv.schema ?? 'public', core: xds.core, logger: jsonLogger, ...replicaEnv.sync }))
  : undefined;
const app = createApp({
  store,
  // ADS bootstraps point at the port the xDS server actually bound (XDS_PORT=0 picks a free one).
  config: { region, accountId, xds: { host: xdsHost, port: xds.port, addresses: replicaEnv.xdsAddresses }, proxy: replicaEnv.compileOptions, webDist, allowedHosts, ...(accessLogRoots ? { accessLogRoots } : {}),
    auth: {
      masterKey,
      ...(admin.seedAdmin ? { seedAdmin: admin.seedAdmin } : {}),
      sessionIdleMs: sessionIdleMinutes * 60_000,
      sessionMaxMs: sessionMaxHours * 3_600_000,
      auditKeep,
    },
  },
  onChange: (event) => xds.onChange(event),
  auditLog: stdoutLines.write,
  ...(xdsSecurity.credentials ? { xdsCredentials: xdsSecurity.credentials } : {}),
  logger: jsonLogger,
  metrics,
  draining: () => stopping,
  extraRoutes: (router) => {
    if (sharedSync) router.use(createSharedSyncRouter({ core: xds.core, shared: sharedSync, loadMeshModel: (m) => store.loadMeshModel(m) }));
    router.use(createXdsRouter(xds), createTrafficRouter(traffic, (m) => store.loadMeshModel(m)));
  },
});
const server = createHttpServer(app, tls);
const httpClose = httpDrain(server);
server.listen(port, host);
await orExit(`listening on ${host}:${port}`, once(server, 'listening'));
const address = server.address();
const boundPort = typeof address === 'object' && address ? address.port : port;
const storeName = databaseUrl ? 'PostgreSQL' : `SQLite in ${dataDir}`;
const scheme = tls ? 'https' : 'http';
console.log(`meshwright BFF ready on ${scheme}://${host}:${boundPort} (App Mesh API /v20190125, console /api, xDS ${xdsHost}:${xds.port} ${xds.transport === 'tls' ? 'TLS' : 'PLAINTEXT'}, store: ${storeName})`);
if (admin.credentialsFile !== undefined) {
  console.log(`admin credentials in ${admin.credentialsFile}; to use them with the AWS CLI and meshwright's CLI, run:`);
  console.log(exportLine(admin.credentialsFile, region, `${scheme}://${host}:${boundPort}`));
}
if (xdsSecurity.credentials) console.log(xdsSecurity.summary);

/**
 * Graceful shutdown: /readyz answers 503 at once; the xDS streams close so Envoys reconnect to another
 * replica (their bootstraps list every one); after SHUTDOWN_DRAIN_SECONDS (for load balancers to see
 * the 503) the HTTP server stops accepting and finishes the requests in flight; then the process exits.
 */
function stop(signal: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received, shutting down (draining for ${drainSeconds} s)`);
  // From now on every HTTP answer closes its connection, so clients reconnect (elsewhere, once the
  // listener is gone) instead of holding this process open through keep-alive.
  httpClose.start();
  void xds.stop().then(async () => {
    await new Promise((r) => setTimeout(r, drainSeconds * 1000));
    await httpClose.close();
    await Promise.resolve()
      .then(() => changes?.stop())
      .then(() => sharedSync?.stop())
      .then(() => store.close())
      .finally(() => process.exit(0));
  });
  // A stuck connection must not keep the process alive forever.
  setTimeout(() => process.exit(1), (drainSeconds + 10) * 1000).unref();
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
