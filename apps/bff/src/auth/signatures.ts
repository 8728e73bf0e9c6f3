// SigV4 verification of a request together with the key that signed it, for the three places that
// authenticate App Mesh requests (authenticate.ts for Express, the reads and writes answered before it):
// without a promise when the server is ready and the key was found within keyCacheMs (the header form,
// verifySigV4Now), else after the seeded key is stored and the key is looked up.
import type { FoundKey, KeyService } from './access-keys';
import { verifySigV4, verifySigV4Now, type SignedRequest, type SigV4Result } from './sigv4';

/** The verdict and the key the signature named, when that key exists. */
export interface Verified {
  result: SigV4Result;
  key: FoundKey | undefined;
}

export interface Signatures {
  /** Whether the seeded admin key is stored (requests before that wait for it). */
  readonly ready: boolean;
  /** The verdict without a promise, or undefined when it needs one (not ready, key not remembered, presigned URL). */
  now(request: SignedRequest): Verified | undefined;
  /** The verdict once the seeded key is stored, the key looked up in the store when it is not remembered. */
  lookingUp(request: SignedRequest): Promise<Verified>;
}

export function signatures(keys: KeyService, seeded: Promise<void>, options: { region: string; now: () => number }): Signatures {
  let ready = false;
  void seeded.then(() => (ready = true), () => undefined);
  const sigv4 = { region: options.region, now: () => new Date(options.now()) };
  // The key verifySigV4Now's lookup found, read right after that synchronous call: no closure per request.
  let atHand: FoundKey | undefined;
  const secretAtHand = (id: string) => (atHand = keys.remembered(id))?.secret;
  return {
    get ready() {
      return ready;
    },
    now(request) {
      if (!ready) return undefined;
      atHand = undefined;
      const result = verifySigV4Now(request, sigv4, secretAtHand);
      return result && { result, key: atHand };
    },
    async lookingUp(request) {
      await seeded;
      const found: { key?: FoundKey | undefined } = {};
      const result = await verifySigV4(request, { ...sigv4, lookupSecret: async (id) => (found.key = await keys.find(id))?.secret });
      return { result, key: found.key };
    },
  };
}
