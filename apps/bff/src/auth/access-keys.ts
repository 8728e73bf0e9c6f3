// Access keys: issued here (id and secret shown once), looked up for every signed request and
// every console login. The plain secret never reaches the database.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AccessKeyRecord, AuthStore, Role } from '../store/auth-types';
import { roles } from '../store/auth-types';
import { decryptSecret, encryptSecret } from './secret-box';

/** Who a request is from, as policy and the console see it. */
export interface Principal {
  accessKeyId: string;
  name: string;
  role: Role;
  meshes: string[];
}

export const principalOf = (k: AccessKeyRecord): Principal => ({ accessKeyId: k.accessKeyId, name: k.name, role: k.role, meshes: [...k.meshes] });

const meshName = z.string().min(1).max(255);

/**
 * POST /api/keys and `meshwright keys create`. Editors must name the meshes they may change;
 * a viewer with no meshes reads every mesh; admins are never scoped.
 */
export const createKeyInput = z
  .object({
    name: z.string().trim().min(1).max(64).regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'),
    role: z.enum(roles),
    meshes: z.array(meshName).max(100).default([]),
  })
  .strict()
  .superRefine((k, ctx) => {
    if (k.role === 'editor' && k.meshes.length === 0) ctx.addIssue({ code: 'custom', path: ['meshes'], message: 'an editor key must name at least one mesh it may change' });
    if (k.role === 'admin' && k.meshes.length > 0) ctx.addIssue({ code: 'custom', path: ['meshes'], message: 'an admin key is not scoped to meshes; leave meshes empty' });
  });
export type CreateKeyInput = z.output<typeof createKeyInput>;

/** Seeded ids and secrets (MESHWRIGHT_ACCESS_KEY_ID/SECRET) must look like AWS's, so every client accepts them. */
export const seedCredentials = z.object({
  accessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/, 'must be 16-128 upper-case letters and digits'),
  secretAccessKey: z.string().min(16).max(128).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
});
export type SeedCredentials = z.infer<typeof seedCredentials>;

const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export function newAccessKeyId(): string {
  return `MW${[...randomBytes(18)].map((b) => base32[b % 32]).join('')}`;
}
/** 40 characters, like an AWS secret access key. */
export const newSecret = (): string => randomBytes(30).toString('base64');

export interface KeyService {
  create(input: CreateKeyInput): Promise<{ key: AccessKeyRecord; secretAccessKey: string }>;
  /** Creates or replaces an admin key with exactly these credentials. */
  seedAdmin(seed: SeedCredentials, name?: string): Promise<void>;
  /** The key and its plain secret, for verifying a signature. */
  find(accessKeyId: string): Promise<{ key: AccessKeyRecord; secret: string } | undefined>;
  /** The key when the secret is its own (console login), compared in constant time. */
  check(accessKeyId: string, secretAccessKey: string): Promise<AccessKeyRecord | undefined>;
  /** Records use, at most once a minute per key: not a database write per request. */
  used(accessKeyId: string): void;
}

export function keyService(store: AuthStore, masterKey: Buffer, now: () => number): KeyService {
  const lastTouched = new Map<string, number>();
  const put = async (id: string, secret: string, fields: Omit<AccessKeyRecord, 'accessKeyId' | 'secretCipher' | 'createdAt'>) => {
    const key: AccessKeyRecord = { accessKeyId: id, secretCipher: encryptSecret(masterKey, id, secret), createdAt: now(), ...fields };
    await store.putKey(key);
    return key;
  };
  const find = async (id: string) => {
    const key = await store.getKey(id);
    const secret = key ? decryptSecret(masterKey, id, key.secretCipher) : undefined;
    return key && secret !== undefined ? { key, secret } : undefined;
  };
  return {
    async create(input) {
      const secretAccessKey = newSecret();
      const key = await put(newAccessKeyId(), secretAccessKey, { name: input.name, role: input.role, meshes: input.meshes });
      return { key, secretAccessKey };
    },
    async seedAdmin(seed, name = 'admin (seeded)') {
      await put(seed.accessKeyId, seed.secretAccessKey, { name, role: 'admin', meshes: [] });
    },
    find,
    async check(id, secret) {
      const found = await find(id);
      if (!found) return undefined;
      const { key } = found;
      const a = Buffer.from(found.secret, 'utf8');
      const b = Buffer.from(secret, 'utf8');
      return a.length === b.length && timingSafeEqual(a, b) ? key : undefined;
    },
    used(id) {
      const at = now();
      if (at - (lastTouched.get(id) ?? 0) < 60_000) return;
      lastTouched.set(id, at);
      store.touchKey(id, at).catch(() => lastTouched.delete(id));
    },
  };
}
