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

/**
 * `ACCESS_LOG_ROOTS=/var/log/envoy,/srv/logs` as the server and the CLI read it: undefined when
 * empty (the default applies), or an error naming the entry that is not an absolute folder.
 */
export function parseAccessLogRoots(text: string | undefined): { roots?: string[]; error?: string } {
  const roots = (text ?? '').split(',').map((r) => r.trim()).filter((r) => r !== '');
  if (roots.length === 0) return {};
  const bad = roots.find((r) => !r.startsWith('/') || r.split('/').includes('..'));
  return bad === undefined ? { roots } : { error: `ACCESS_LOG_ROOTS: "${bad}" is not an absolute folder without ".." segments` };
}
