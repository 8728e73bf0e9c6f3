// clientToken idempotency: the same token with the same request returns the first answer; with a
// different request it is a ConflictException, as in App Mesh.
import { createHash } from 'node:crypto';
import { stableStringify } from '@meshwright/model';
import { ConflictError } from '../http/errors';
import type { ClientTokenRecord } from '../store/types';
import type { ServiceContext } from './service-context';

export interface TokenCheck {
  /** The stored first answer when this is a replay. */
  replay?: unknown;
  /** What to store with the write when this is the first use of the token. */
  record?: (response: unknown) => ClientTokenRecord;
}

function fingerprintOf(input: Record<string, unknown>): string {
  const { clientToken: _token, ...rest } = input;
  return createHash('sha256').update(stableStringify(rest)).digest('hex');
}

/** Call inside the write lock, before any check, so a replay answers even after later changes. */
export async function checkClientToken(ctx: ServiceContext, operation: string, input: Record<string, unknown>): Promise<TokenCheck> {
  const token = input.clientToken;
  if (typeof token !== 'string' || token === '') return {};
  const fingerprint = fingerprintOf(input);
  const seen = await ctx.store.getClientToken(operation, token);
  if (!seen) return { record: (response) => ({ operation, token, fingerprint, response }) };
  if (seen.fingerprint !== fingerprint) {
    throw new ConflictError(`clientToken ${token} was already used with a different ${operation} request`);
  }
  return { replay: seen.response };
}
