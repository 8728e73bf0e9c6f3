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
  /**
   * The key and its plain secret, for verifying a signature. Found keys are remembered for at most
   * `keyCacheMs` (see keyService): the store read and the decryption are then not paid per request.
   */
  find(accessKeyId: string): Promise<{ key: AccessKeyRecord; secret: string } | undefined>;
  /** What find would answer from its memory, now, without a promise; undefined when it would ask the store. */
  remembered(accessKeyId: string): { key: AccessKeyRecord; secret: string } | undefined;
  /** Deletes the key (and its sessions); this process stops accepting it at once. */
  delete(accessKeyId: string): Promise<boolean>;
  /** The key when the secret is its own (console login), compared in constant time. */
  check(accessKeyId: string, secretAccessKey: string): Promise<AccessKeyRecord | undefined>;
  /** Records use, at most once a minute per key: not a database write per request. */
  used(accessKeyId: string): void;
}

/**
 * How long a found key (record and decrypted secret) is reused without asking the store. A key
 * deleted or replaced through this process is forgotten at once; one deleted through another replica
 * sharing the database is refused here at most this long after its deletion committed.
 */
export const defaultKeyCacheMs = 1000;
/** Bounds the cache: at most this many keys (the least recently found go first); unknown ids are never cached. */
const keyCacheSize = 1000;

/** A key and its plain secret, as find and remembered give them. */
export type FoundKey = { key: AccessKeyRecord; secret: string };

export function keyService(store: AuthStore, masterKey: Buffer, now: () => number, keyCacheMs = defaultKeyCacheMs): KeyService {
  const lastTouched = new Map<string, number>();
  const cache = new Map<string, { found: FoundKey; until: number }>();
  // Bumped by every put and delete: a lookup that was reading while one happened caches nothing.
  let generation = 0;
  const forget = (id: string) => {
    generation++;
    cache.delete(id);
  };
  const put = async (id: string, secret: string, fields: Omit<AccessKeyRecord, 'accessKeyId' | 'secretCipher' | 'createdAt'>) => {
    const key: AccessKeyRecord = { accessKeyId: id, secretCipher: encryptSecret(masterKey, id, secret), createdAt: now(), ...fields };
    forget(id);
    await store.putKey(key);
    forget(id);
    return key;
  };
  const load = async (id: string): Promise<FoundKey | undefined> => {
    const key = await store.getKey(id);
    const secret = key ? decryptSecret(masterKey, id, key.secretCipher) : undefined;
    return key && secret !== undefined ? { key, secret } : undefined;
  };
  const remembered = (id: string): FoundKey | undefined => {
    // Real elapsed time, not the injected clock: a test's fixed clock must not make entries immortal.
    const hit = cache.get(id);
    if (!hit || hit.until <= performance.now()) return undefined;
    // Re-inserted so the map's order is least recently found first.
    cache.delete(id);
    cache.set(id, hit);
    return hit.found;
  };
  const find = async (id: string) => {
    const at = performance.now();
    const hit = remembered(id);
    if (hit) return hit;
    cache.delete(id);
    const readAt = generation;
    const found = await load(id);
    if (!found || keyCacheMs <= 0 || generation !== readAt) return found;
    cache.set(id, { found, until: at + keyCacheMs });
    while (cache.size > keyCacheSize) cache.delete(cache.keys().next().value as string);
    return found;
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
    remembered,
    async delete(id) {
      forget(id);
      const deleted = await store.deleteKey(id);
      forget(id);
      return deleted;
    },
    async check(id, secret) {
      // A console login always reads the store: it is rare and must see a key deleted elsewhere.
      const found = await load(id);
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
