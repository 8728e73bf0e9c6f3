// Secure first start, still two commands: with no access key in the store, meshwright makes an admin
// key, writes it to DATA_DIR/credentials (0600, AWS shared-credentials format, profile `meshwright`)
// and prints the one line that points the AWS CLI (and meshwright's CLI) at it.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AuthStore } from '../store/auth-types';
import { newAccessKeyId, newSecret, seedCredentials, type SeedCredentials } from './access-keys';

export const PROFILE = 'meshwright';

export function credentialsFileText(c: SeedCredentials, region: string): string {
  return `[${PROFILE}]\naws_access_key_id = ${c.accessKeyId}\naws_secret_access_key = ${c.secretAccessKey}\nregion = ${region}\n`;
}

/**
 * The line to paste. The AWS CLI reads the key from the file's profile, but its region only from a
 * config file or AWS_DEFAULT_REGION, and App Mesh's endpoint from AWS_ENDPOINT_URL_APP_MESH; the SDKs
 * and meshwright's CLI read the same variables (the SDKs also the file's region).
 */
export function exportLine(credentialsFile: string, region: string, url: string): string {
  return `export AWS_SHARED_CREDENTIALS_FILE=${credentialsFile} AWS_PROFILE=${PROFILE} AWS_DEFAULT_REGION=${region} AWS_ENDPOINT_URL_APP_MESH=${url}`;
}

/** MESHWRIGHT_ACCESS_KEY_ID + MESHWRIGHT_SECRET_ACCESS_KEY, both or neither. */
export function seedFromEnv(env: NodeJS.ProcessEnv): { seed?: SeedCredentials; error?: string } {
  const accessKeyId = env.MESHWRIGHT_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.MESHWRIGHT_SECRET_ACCESS_KEY || undefined;
  if (accessKeyId === undefined && secretAccessKey === undefined) return {};
  const parsed = seedCredentials.safeParse({ accessKeyId, secretAccessKey });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] === 'accessKeyId' ? 'MESHWRIGHT_ACCESS_KEY_ID' : 'MESHWRIGHT_SECRET_ACCESS_KEY';
    return { error: `${field} ${issue?.message ?? 'is invalid'} (set both MESHWRIGHT_ACCESS_KEY_ID and MESHWRIGHT_SECRET_ACCESS_KEY, or neither)` };
  }
  return { seed: parsed.data };
}

export interface FirstStart {
  /** The admin key createApp must store (seeded from the environment or made now). */
  seedAdmin?: SeedCredentials;
  /** DATA_DIR/credentials when it holds a key meshwright made; the ready line then names it. */
  credentialsFile?: string;
}

export async function firstStart(store: AuthStore, dataDir: string, region: string, seed: SeedCredentials | undefined): Promise<FirstStart> {
  const file = resolve(dataDir, 'credentials');
  if (seed) return { seedAdmin: seed };
  if ((await store.countKeys()) > 0) return existsSync(file) ? { credentialsFile: file } : {};
  const made = { accessKeyId: newAccessKeyId(), secretAccessKey: newSecret() };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, credentialsFileText(made, region), { mode: 0o600 });
  // writeFileSync's mode does not apply to an existing file (a leftover from an older store).
  chmodSync(file, 0o600);
  return { seedAdmin: made, credentialsFile: file };
}
