// Envoy opens its access log for append as whatever user runs it (often root), so a path is a write
// to any file on every host that runs the proxy: only the standard streams and configured roots.

/** Why Envoy must not write to `path`, or undefined when it may. */
export function accessLogPathProblem(path: string, roots: readonly string[]): string | undefined {
  if (path === '/dev/stdout' || path === '/dev/stderr') return undefined;
  const allowed = `Envoy may write only to /dev/stdout, /dev/stderr or a file under ${roots.join(', ')} (ACCESS_LOG_ROOTS)`;
  const segments = path.split('/').slice(1);
  if (!path.startsWith('/') || segments.some((s) => s === '..' || s === '.' || s === '')) {
    return `access log path "${path}" must be an absolute path without "..", "." or empty segments; ${allowed}`;
  }
  const under = roots.some((root) => {
    const prefix = root.endsWith('/') ? root : `${root}/`;
    return path.startsWith(prefix) && path.length > prefix.length;
  });
  return under ? undefined : `access log path "${path}" is outside the allowed roots; ${allowed}`;
}
