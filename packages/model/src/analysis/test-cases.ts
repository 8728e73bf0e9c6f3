// The shape of analysis test cases: one invalid variant of a realistic mesh per rule, located by
// resource, path and message. analyze.test.ts runs them and checks that every code has one.
import type { validateBundle } from './validate-bundle';
import type { FindingCode } from './finding-codes';

/* eslint-disable @typescript-eslint/no-explicit-any -- fixtures are edited freely */
export type Mutable = {
  mesh: Record<string, unknown>;
  virtualNodes: { virtualNodeName: string; spec: any }[];
  virtualRouters: { virtualRouterName: string; spec: any }[];
  routes: { routeName: string; virtualRouterName: string; spec: any }[];
  virtualServices: { virtualServiceName: string; spec: any }[];
  virtualGateways?: { virtualGatewayName: string; spec: any }[];
  gatewayRoutes?: { gatewayRouteName: string; virtualGatewayName: string; spec: any }[];
};
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface Case {
  rule: string;
  /** The code the finding must carry; omitted only when the rule's name is its code. */
  code?: FindingCode;
  change: (b: Mutable) => void;
  expect: { severity: 'error' | 'warning'; resource: string; path: string; message: RegExp };
  options?: Parameters<typeof validateBundle>[1];
  /** The schema already rejects this input, so the case runs analyzeMesh on it directly (as the BFF's stored model would be). */
  analyzeOnly?: boolean;
}
