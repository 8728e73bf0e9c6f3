// A request's headers read once from the parser's list, for the App Mesh paths answered before Express.

/** Header values by lower-case name, as headersDistinct would give them joined (each name here appears once). */
export type WireHeaders = Record<string, string | undefined>;

/**
 * The request's headers from the parser's list, in one pass: req.headers and req.headersDistinct
 * would each build their own object. Undefined when a name repeats: Node merges, drops or keeps
 * repeats by name, and such a request is left to Express.
 */
export function wireHeaders(raw: readonly string[]): WireHeaders | undefined {
  // No prototype: a header named like an Object member ('constructor') must find nothing else.
  const headers: WireHeaders = Object.create(null) as WireHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] ?? '').toLowerCase();
    if (headers[name] !== undefined) return undefined;
    headers[name] = raw[i + 1] ?? '';
  }
  return headers;
}
