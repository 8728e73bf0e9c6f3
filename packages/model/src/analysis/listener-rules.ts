// Rules about one listener's health check and connection pool, written once for the two kinds that
// have such listeners (virtual nodes and virtual gateways); each kind reports them under its own codes.
import type { PortProtocol } from '../common/primitives';
import type { FindingCategory, Severity } from './finding';
import type { FindingCode } from './finding-codes';

/** The codes a kind reports the listener rules under, such as `node.health-check-path-missing`. */
export interface ListenerRuleCodes {
  healthCheckPortMismatch: FindingCode;
  healthCheckPathMissing: FindingCode;
  /** A path on a tcp health check, which has no request to put it in. */
  healthCheckPathNotHttp: FindingCode;
  /** A path on a grpc health check: accepted and ignored, as App Mesh does. */
  healthCheckPathIgnored: FindingCode;
  connectionPoolProtocolMismatch: FindingCode;
}

/** What the listener rules read of a listener. */
export interface ListenerLike {
  portMapping: { port: number; protocol: PortProtocol };
  healthCheck?: { port?: number | undefined; path?: string | undefined; protocol: PortProtocol } | undefined;
  connectionPool?: object | undefined;
}

export interface ListenerProblem {
  code: FindingCode;
  severity: Severity;
  category: FindingCategory;
  /** Relative to the listener, such as `healthCheck.path`. */
  path: string;
  message: string;
}

const httpLike = new Set<PortProtocol>(['http', 'http2']);

export function listenerProblems(listener: ListenerLike, codes: ListenerRuleCodes): ListenerProblem[] {
  const out: ListenerProblem[] = [];
  const add = (code: FindingCode, path: string, message: string, severity: Severity = 'error') => out.push({ code, severity, category: 'spec', path, message });
  const { port, protocol } = listener.portMapping;
  const hc = listener.healthCheck;
  if (hc) {
    if (hc.port !== undefined && hc.port !== port) {
      add(codes.healthCheckPortMismatch, 'healthCheck.port', `health check port ${hc.port} does not match the listener port ${port}`);
    }
    if (hc.path !== undefined && hc.protocol === 'grpc') {
      add(codes.healthCheckPathIgnored, 'healthCheck.path',
        'a grpc health check uses the gRPC health checking protocol (grpc.health.v1.Health/Check), so App Mesh and meshwright ignore its path; remove it', 'warning');
    } else if (hc.path !== undefined && !httpLike.has(hc.protocol)) {
      add(codes.healthCheckPathNotHttp, 'healthCheck.path', `a path only applies to http and http2 health checks, not ${hc.protocol}`);
    }
    if (hc.path === undefined && httpLike.has(hc.protocol)) {
      add(codes.healthCheckPathMissing, 'healthCheck.path', `an ${hc.protocol} health check needs a path, such as /health`);
    }
  }
  const poolKind = listener.connectionPool && Object.keys(listener.connectionPool)[0];
  if (poolKind && poolKind !== protocol) {
    add(codes.connectionPoolProtocolMismatch, `connectionPool.${poolKind}`,
      `a ${poolKind} connection pool does not apply to a ${protocol} listener; use connectionPool.${protocol}`);
  }
  return out;
}
