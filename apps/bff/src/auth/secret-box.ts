// Access-key secrets at rest: SigV4 needs the plain secret to recompute a signature, so secrets are
// encrypted (AES-256-GCM, the key id as additional data so a ciphertext cannot be moved to another
// row), not hashed. The 32-byte master key comes from MESHWRIGHT_MASTER_KEY or DATA_DIR/master.key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VERSION = 'v1';

export function encryptSecret(masterKey: Buffer, accessKeyId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(Buffer.from(accessKeyId, 'utf8'));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
}

/** The plain secret, or undefined when the ciphertext was made with another master key or altered. */
export function decryptSecret(masterKey: Buffer, accessKeyId: string, sealed: string): string | undefined {
  const [version, iv, tag, body] = sealed.split(':');
  if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(accessKeyId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** 64 hex digits or base64 of 32 bytes. */
export function parseMasterKey(text: string): Buffer | undefined {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  return key.length === 32 ? key : undefined;
}

/**
 * MESHWRIGHT_MASTER_KEY when set (every replica of a PostgreSQL deployment needs the same one);
 * else DATA_DIR/master.key, created (mode 0600) at first start.
 */
export function loadMasterKey(dataDir: string, fromEnv: string | undefined): { key: Buffer; created?: string } {
  if (fromEnv !== undefined && fromEnv !== '') {
    const key = parseMasterKey(fromEnv);
    if (!key) throw new Error('MESHWRIGHT_MASTER_KEY must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -hex 32`)');
    return { key };
  }
  const path = join(dataDir, 'master.key');
  if (existsSync(path)) {
    const key = parseMasterKey(readFileSync(path, 'utf8'));
    if (!key) throw new Error(`${path} does not hold a 32-byte key (64 hex digits)`);
    return { key };
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { key, created: path };
}
