// Every App Mesh operation by method and path, precompiled into segments: a request is matched by
// comparing segments, not by running one Express route layer (a path-to-regexp each) per operation.
// The reads answered before Express (fast-read.ts) and the dispatch of the other operations
// (router.ts) share it. It matches only the exact, plain form of a path; anything else is not
// matched and is left to the Express routes, which answer it as they always did.
import type { OperationBinding } from './api-model';
import { operationDefs, type OperationDef, type OperationName } from './operations';
import { operationBindings } from './operations.generated';

export interface OperationRoute {
  name: OperationName;
  binding: OperationBinding;
  def: OperationDef;
  /** The path's segments after the leading '/': a literal, or the URI member a `{label}` binds. */
  segments: ({ literal: string } | { param: string })[];
}

/** Every operation of the API model, in the order Express's routes are registered (the first match wins there too). */
export function operationRoutes(): OperationRoute[] {
  const routes: OperationRoute[] = [];
  for (const [name, binding] of Object.entries(operationBindings) as [OperationName, OperationBinding][]) {
    const def = operationDefs.get(name);
    // operations.test.ts proves every binding has a handler; a gap is a programming error, found at startup.
    if (!def) throw new Error(`no handler for App Mesh operation ${name}`);
    const segments = binding.requestUri
      .slice(1)
      .split('/')
      .map((s) => {
        const label = /^\{(\w+)\}$/.exec(s)?.[1];
        return label === undefined ? { literal: s } : { param: label };
      });
    routes.push({ name, binding, def, segments });
  }
  return routes;
}

/** The route and its decoded URI labels; undefined for anything but an exact, well-encoded match. */
export function match<R extends OperationRoute>(routes: readonly R[], path: string): { route: R; params: Record<string, string> } | undefined {
  const parts = path.slice(1).split('/');
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; ok && i < parts.length; i++) {
      const seg = route.segments[i];
      const part = parts[i] ?? '';
      if (!seg) ok = false;
      else if ('literal' in seg) ok = seg.literal === part;
      else if (part === '') ok = false;
      else {
        try {
          params[seg.param] = decodeURIComponent(part);
        } catch {
          // Express answers a path that is not valid percent-encoding with its 400.
          return undefined;
        }
      }
    }
    if (ok) return { route, params };
  }
  return undefined;
}

// Express (parseurl) hands URLs with such characters to url.parse, which rewrites them.
const oddUrl = /[\t\n\f\r #\u00a0\ufeff]/;

/** An App Mesh API URL the paths before Express may take: under /v20190125/ and nothing Express would rewrite. */
export const isPlainApiUrl = (url: string): boolean => url.startsWith('/v20190125/') && !oddUrl.test(url);
