import { spawnSync } from 'node:child_process';
import { root, startBff } from './bff-process';

/** Builds the console (unless E2E_SKIP_BUILD=1), starts the real BFF with a seeded admin key, stops it after. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.E2E_SKIP_BUILD !== '1') {
    const build = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('building the console failed');
  }
  const bff = await startBff();
  // Workers inherit the environment: the fixtures read these (the xDS port for specs that run a real
  // Envoy; the admin key to sign API calls and to sign the browser in).
  process.env.MESHWRIGHT_E2E_URL = bff.url;
  process.env.MESHWRIGHT_E2E_XDS_PORT = String(bff.xdsPort);
  process.env.MESHWRIGHT_E2E_REGION = bff.region;
  process.env.MESHWRIGHT_E2E_ACCESS_KEY_ID = bff.admin.accessKeyId;
  process.env.MESHWRIGHT_E2E_SECRET_ACCESS_KEY = bff.admin.secretAccessKey;
  return bff.stop;
}
