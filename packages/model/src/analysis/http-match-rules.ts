// Rules about an HTTP path and header match, written once for routes and gateway routes (whose
// matches share these members); each kind reports them under its own codes.
import type { FindingCode } from './finding-codes';

export interface HttpMatchCodes {
  prefixInvalid: FindingCode;
  matchAmbiguous: FindingCode;
  pathInvalid: FindingCode;
  headerRangeInvalid: FindingCode;
}

/** What these rules read of an HTTP match. */
export interface HttpMatchLike {
  prefix?: string | undefined;
  path?: { exact?: string | undefined; regex?: string | undefined } | undefined;
  headers?: { match?: { range?: { start: number; end: number } | undefined } | undefined }[] | undefined;
}

export interface MatchProblem {
  code: FindingCode;
  /** Relative to the match, such as `path.exact`. */
  path: string;
  message: string;
}

export function httpMatchProblems(match: HttpMatchLike, codes: HttpMatchCodes): MatchProblem[] {
  const out: MatchProblem[] = [];
  if (match.prefix !== undefined && !match.prefix.startsWith('/')) {
    out.push({ code: codes.prefixInvalid, path: 'prefix', message: `prefix must start with "/" (got "${match.prefix}")` });
  }
  if (match.prefix !== undefined && match.path !== undefined) {
    out.push({ code: codes.matchAmbiguous, path: 'path', message: 'set either prefix or path, not both' });
  }
  if (match.path !== undefined && (match.path.exact === undefined) === (match.path.regex === undefined)) {
    out.push({ code: codes.pathInvalid, path: 'path', message: 'path needs exactly one of exact or regex' });
  }
  if (match.path?.exact !== undefined && !match.path.exact.startsWith('/')) {
    out.push({ code: codes.pathInvalid, path: 'path.exact', message: 'an exact path must start with "/"' });
  }
  match.headers?.forEach((h, i) => {
    const range = h.match?.range;
    if (range && range.start >= range.end) {
      out.push({ code: codes.headerRangeInvalid, path: `headers[${i}].match.range`, message: `range start ${range.start} must be below end ${range.end}` });
    }
  });
  return out;
}
