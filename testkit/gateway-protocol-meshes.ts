// Gateway meshes by protocol and transport: http2, gRPC, TLS (on the listener and to backends),
// listeners of two protocols, a listener's connection pool. Built from gateway-meshes.ts's blocks.
import type { MeshModel, RouteSpec } from '@meshwright/model';
import { gateMesh, httpTo, listenerPort, listeners, serviceName, weighted, type GatePorts } from './gateway-meshes';

/**
 * Two listeners of different protocols on one gateway: HTTP on the first (to the echo node `book`),
 * gRPC on the second (shop.Cart to node `cart-adder`); the hops to the gateway's egress differ.
 */
export function mixedGatewayMesh(ports: GatePorts): MeshModel {
  const [httpPort, grpcPort] = [listenerPort(ports, 0), listenerPort(ports, 1)];
  return gateMesh(ports, {
    gateway: { listeners: [{ portMapping: { port: httpPort, protocol: 'http' } }, { portMapping: { port: grpcPort, protocol: 'grpc' } }] },
    nodes: [{ name: 'book' }, { name: 'cart-adder', protocol: 'grpc' }],
    gatewayRoutes: [
      { name: 'book', spec: httpTo('book', { prefix: '/book', port: httpPort }) },
      {
        name: 'cart',
        spec: { grpcRoute: { match: { serviceName: 'shop.Cart', port: grpcPort }, action: { target: { virtualService: { virtualServiceName: serviceName('cart-adder') } } } } },
      },
    ],
  });
}

/**
 * A listener whose connection pool allows one connection and one pending request towards the
 * service (the slow node `slow`): the rest overflow.
 */
export function connectionPoolGatewayMesh(ports: GatePorts): MeshModel {
  return gateMesh(ports, {
    gateway: { listeners: listeners(ports).map((l) => ({ ...l, connectionPool: { http: { maxConnections: 1, maxPendingRequests: 1 } } })) },
    nodes: [{ name: 'slow' }],
    gatewayRoutes: [{ name: 'slow', spec: httpTo('slow', { prefix: '/' }) }],
  });
}

/** An http2 gateway listener (h2c) in front of the HTTP/1.1 echo node `book`: `/h2` reaches it as `/`. */
export function http2GatewayMesh(ports: GatePorts): MeshModel {
  return gateMesh(ports, {
    gateway: { listeners: listeners(ports, 'http2') },
    nodes: [{ name: 'book' }],
    gatewayRoutes: [{ name: 'h2', spec: httpTo('book', { prefix: '/h2' }, undefined, undefined, 'http2Route') }],
  });
}

/** Certificate files: the gateway listener's, and the client certificate and CA it uses towards backends. */
export interface GateCerts {
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

/**
 * A gateway listener that terminates TLS (STRICT, file certificate) in front of the echo node `book`
 * (`/`) and, under `/secure`, node `secure`, which the gateway reaches over mutual TLS: its
 * backend-defaults client policy applies to the secure node's port only.
 */
export function tlsGatewayMesh(ports: GatePorts, certs: GateCerts, secureSan: string): MeshModel {
  const tls = { mode: 'STRICT' as const, certificate: { file: { certificateChain: certs.serverCert, privateKey: certs.serverKey } } };
  const securePort = ports.upstream.secure ?? 0;
  const clientPolicy = {
    tls: {
      ports: [securePort],
      certificate: { file: { certificateChain: certs.clientCert, privateKey: certs.clientKey } },
      validation: { trust: { file: { certificateChain: certs.caCert } }, subjectAlternativeNames: { match: { exact: [secureSan] } } },
    },
  };
  return gateMesh(ports, {
    gateway: { listeners: listeners(ports).map((l) => ({ ...l, tls })), backendDefaults: { clientPolicy } },
    nodes: [{ name: 'book' }, { name: 'secure' }],
    gatewayRoutes: [
      { name: 'book', spec: httpTo('book', { prefix: '/' }) },
      { name: 'secure', spec: httpTo('secure', { prefix: '/secure' }) },
    ],
  });
}

/**
 * gRPC: the gateway sends `shop.Cart` calls to the router `cart`, whose routes pick a node by
 * method (Add to cart-adder, List to cart-lister); Cart/Remove has no router route. shop.Admin calls
 * with metadata `x-role: admin` go straight to the node service cart-adder; others have no route.
 * With `certs`, the gateway listener terminates TLS.
 */
export function grpcGatewayMesh(ports: GatePorts, certs?: Pick<GateCerts, 'serverCert' | 'serverKey'>): MeshModel {
  const tls = certs && { mode: 'STRICT' as const, certificate: { file: { certificateChain: certs.serverCert, privateKey: certs.serverKey } } };
  const byMethod = (methodName: string, node: string): { name: string; spec: RouteSpec } => ({
    name: methodName.toLowerCase(),
    spec: { grpcRoute: { match: { serviceName: 'shop.Cart', methodName }, action: weighted([[node, 1]]) } },
  });
  return gateMesh(ports, {
    gateway: { listeners: listeners(ports, 'grpc').map((l) => (tls ? { ...l, tls } : l)) },
    nodes: [{ name: 'cart-adder', protocol: 'grpc' }, { name: 'cart-lister', protocol: 'grpc' }],
    routers: [{ name: 'cart', protocol: 'grpc', routes: [byMethod('Add', 'cart-adder'), byMethod('List', 'cart-lister')] }],
    gatewayRoutes: [
      { name: 'cart', spec: { grpcRoute: { match: { serviceName: 'shop.Cart' }, action: { target: { virtualService: { virtualServiceName: serviceName('cart') } } } } } },
      {
        name: 'admin',
        spec: {
          grpcRoute: {
            match: { serviceName: 'shop.Admin', metadata: [{ name: 'x-role', match: { exact: 'admin' } }] },
            action: { target: { virtualService: { virtualServiceName: serviceName('cart-adder') } } },
          },
        },
      },
    ],
  });
}
