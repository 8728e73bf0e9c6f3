// Opaque nextToken: the last name of the page, so pages stay stable while resources come and go.
import { BadRequestError } from '../http/errors';

const prefix = 'mw1:';

export function encodePageToken(lastName: string): string {
  return Buffer.from(prefix + lastName, 'utf8').toString('base64url');
}

export function decodePageToken(token: string): string {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith(prefix)) throw new BadRequestError('nextToken: is not a token this API returned');
  return text.slice(prefix.length);
}
