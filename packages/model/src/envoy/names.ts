// App Mesh's Envoy resource names, so dashboards and runbooks written for App Mesh keep working.
import type { PortProtocol } from '../common/primitives';

export const names = {
  ingressListener: (address: string, port: number) => `lds_ingress_${address}_${port}`,
  egressListener: (address: string, port: number) => `lds_egress_${address}_${port}`,
  /** One listener per TCP port of a backend service (TCP has no Host header to route by). */
  egressTcpListener: (service: string, port: number) => `lds_egress_tcp_${service}_${port}`,
  ingressCluster: (mesh: string, node: string, protocol: PortProtocol, port: number) =>
    `cds_ingress_${mesh}_${node}_${protocol}_${port}`,
  egressCluster: (mesh: string, node: string, protocol: PortProtocol, port: number) =>
    `cds_egress_${mesh}_${node}_${protocol}_${port}`,
  allowAllCluster: (mesh: string) => `cds_egress_${mesh}_allow_all`,
  ingressRoutes: (port: number) => `rds_ingress_http_${port}`,
  egressRoutes: (port: number) => `rds_egress_http_${port}`,
  xdsCluster: 'xds_cluster',
  nodeId: (mesh: string, node: string) => `mesh/${mesh}/virtualNode/${node}`,
  gatewayNodeId: (mesh: string, gateway: string) => `mesh/${mesh}/virtualGateway/${gateway}`,
  /**
   * A gateway listener's hop to the gateway's own egress listener; App Mesh names the listener port
   * only when the gateway has several listeners.
   */
  selfRedirectCluster: (mesh: string, gateway: string, protocol: PortProtocol, egressPort: number, listenerPort?: number) =>
    `cds_ingress_${mesh}_${gateway}_self_redirect_${listenerPort === undefined ? '' : `${listenerPort}_`}${protocol}_${egressPort}`,
};
