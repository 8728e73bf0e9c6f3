// The iptables redirection App Mesh's proxy-route manager installed, as one POSIX sh script every
// target runs (init container, systemd oneshot, docker helper). Its defaults are the node's ports;
// MW_* environment variables override them, so one ConfigMap serves every replica.
import { assumptions, type DeployFacts, type DeployOptions } from './options';

export const REDIRECT_SCRIPT = 'meshwright-redirect.sh';

/** The app ports whose inbound traffic goes to Envoy: all but those the user excludes. */
export function redirectedAppPorts(f: DeployFacts, o: DeployOptions): number[] {
  return f.appPorts.filter((p) => !o.excludeInboundPorts.includes(p));
}

/** The settings the script reads, with the values this node's compiled configuration implies. */
export function redirectEnv(f: DeployFacts, o: DeployOptions): Record<string, string> {
  return {
    MW_ENVOY_UID: String(o.envoyUid),
    MW_INGRESS_PORT: String(f.ingressPort),
    MW_EGRESS_PORT: String(f.egressPort),
    MW_ADMIN_PORT: String(f.adminPort),
    MW_APP_PORTS: redirectedAppPorts(f, o).join(','),
    MW_IGNORED_UIDS: o.ignoreUids.join(','),
    MW_IGNORED_GIDS: o.ignoreGids.join(','),
    MW_EGRESS_IGNORED_PORTS: o.excludePorts.join(','),
    MW_EGRESS_IGNORED_IPS: o.excludeIps.join(','),
  };
}

export function redirectScript(f: DeployFacts, o: DeployOptions): string {
  const env = Object.entries(redirectEnv(f, o)).map(([k, v]) => `${k}="\${${k}-${v}}"`);
  return `#!/bin/sh
${assumptions(f, o).map((l) => `# ${l}`).join('\n')}
# usage: ${REDIRECT_SCRIPT} install|remove   (root, or CAP_NET_ADMIN in the pod's network namespace)
# Inbound TCP to the app ports goes to Envoy's ingress; outbound TCP to non-local addresses goes to
# Envoy's egress, except Envoy's own (by UID, or it would loop) and the ignored ports and IPs.
set -eu
${env.join('\n')}
IN=MESHWRIGHT_INGRESS
OUT=MESHWRIGHT_EGRESS

each() { echo "$1" | tr ',' ' '; }

remove() {
  iptables -t nat -D PREROUTING -p tcp -m addrtype ! --src-type LOCAL -j "$IN" 2>/dev/null || true
  iptables -t nat -D OUTPUT -p tcp -m addrtype ! --dst-type LOCAL -j "$OUT" 2>/dev/null || true
  for c in "$IN" "$OUT"; do
    iptables -t nat -F "$c" 2>/dev/null || true
    iptables -t nat -X "$c" 2>/dev/null || true
  done
}

install() {
  remove
  iptables -t nat -N "$IN"
  # The admin API is never redirected, even if someone lists its port as an app port.
  iptables -t nat -A "$IN" -p tcp --dport "$MW_ADMIN_PORT" -j RETURN
  for p in $(each "$MW_APP_PORTS"); do
    iptables -t nat -A "$IN" -p tcp --dport "$p" -j REDIRECT --to-ports "$MW_INGRESS_PORT"
  done
  iptables -t nat -A PREROUTING -p tcp -m addrtype ! --src-type LOCAL -j "$IN"

  iptables -t nat -N "$OUT"
  iptables -t nat -A "$OUT" -m owner --uid-owner "$MW_ENVOY_UID" -j RETURN
  for u in $(each "$MW_IGNORED_UIDS"); do iptables -t nat -A "$OUT" -m owner --uid-owner "$u" -j RETURN; done
  for g in $(each "$MW_IGNORED_GIDS"); do iptables -t nat -A "$OUT" -m owner --gid-owner "$g" -j RETURN; done
  iptables -t nat -A "$OUT" -o lo -j RETURN
  for p in $(each "$MW_EGRESS_IGNORED_PORTS"); do iptables -t nat -A "$OUT" -p tcp --dport "$p" -j RETURN; done
  for ip in $(each "$MW_EGRESS_IGNORED_IPS"); do iptables -t nat -A "$OUT" -d "$ip" -j RETURN; done
  # HTTP and TCP alike: Envoy's egress listener reads the original destination and picks the chain by its port.
  iptables -t nat -A "$OUT" -p tcp -j REDIRECT --to-ports "$MW_EGRESS_PORT"
  # Local destinations (loopback, the host's own addresses) are the app and Envoy talking to each other.
  iptables -t nat -A OUTPUT -p tcp -m addrtype ! --dst-type LOCAL -j "$OUT"
}

case "\${1:-}" in
  install) install ;;
  remove) remove ;;
  *) echo "usage: $0 install|remove" >&2; exit 2 ;;
esac
`;
}
