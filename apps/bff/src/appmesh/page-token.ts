// Opaque nextToken: the last name of the page, so pages stay stable while resources come and go. It also
// names the list it came from, so a token of one list cannot silently page through another.
import { BadRequestError } from '../http/errors';

const prefix = 'mw2:';

/** Which list a token pages through, e.g. `["virtualNode","shop",""]` or `["tags","<arn>"]`. */
export type PageScope = string;

export function encodePageToken(scope: PageScope, lastName: string): string {
  return Buffer.from(prefix + JSON.stringify([scope, lastName]), 'utf8').toString('base64url');
}

function parse(token: string): [string, string] | undefined {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith(prefix)) return undefined;
  try {
    const value: unknown = JSON.parse(text.slice(prefix.length));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return [value[0], value[1]];
  } catch {
    // Not JSON: not one of ours, reported below like any other foreign token.
  }
  return undefined;
}

/** The last name of the previous page of the list `scope`. */
export function decodePageToken(scope: PageScope, token: string): string {
  const parsed = parse(token);
  if (!parsed) throw new BadRequestError('nextToken: is not a token this API returned');
  if (parsed[0] !== scope) throw new BadRequestError('nextToken does not belong to this list; pass the nextToken of the previous page of the same list');
  return parsed[1];
}
