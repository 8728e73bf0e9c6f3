import { lazy, type ComponentType } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { HomePage } from '../features/resources/components/HomePage';
import { Layout } from './Layout';
import { NotFound } from './NotFound';
import { TopologyPage } from './topology';

// The first page (home) is in the entry chunk; everything else loads when visited.
const named = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

const WizardPage = named(() => import('../features/wizard/components/WizardPage'), 'WizardPage');
const MeshLayout = named(() => import('../features/resources/components/MeshLayoutRoute'), 'MeshLayoutRoute');
const ServicesList = named(() => import('../features/resources/components/ResourceListRoutes'), 'ServicesList');
const NodesList = named(() => import('../features/resources/components/ResourceListRoutes'), 'NodesList');
const RoutersList = named(() => import('../features/resources/components/ResourceListRoutes'), 'RoutersList');
const VirtualNodePage = named(() => import('../features/resources/components/VirtualNodePage'), 'VirtualNodePage');
const VirtualNodeEditPage = named(() => import('../features/resources/components/VirtualNodeEditPage'), 'VirtualNodeEditPage');
const VirtualServicePage = named(() => import('../features/resources/components/VirtualServicePage'), 'VirtualServicePage');
const VirtualServiceEditPage = named(() => import('../features/resources/components/VirtualServiceEditPage'), 'VirtualServiceEditPage');
const VirtualRouterPage = named(() => import('../features/resources/components/VirtualRouterPage'), 'VirtualRouterPage');
const VirtualRouterEditPage = named(() => import('../features/resources/components/VirtualRouterEditPage'), 'VirtualRouterEditPage');
const RoutePage = named(() => import('../features/resources/components/RoutePage'), 'RoutePage');
const RouteEditPage = named(() => import('../features/resources/components/RouteEditPage'), 'RouteEditPage');
const GatewaysList = named(() => import('../features/resources/components/ResourceListRoutes'), 'GatewaysList');
const VirtualGatewayPage = named(() => import('../features/resources/components/VirtualGatewayPage'), 'VirtualGatewayPage');
const VirtualGatewayCreatePage = named(() => import('../features/resources/components/VirtualGatewayFormPage'), 'VirtualGatewayCreatePage');
const VirtualGatewayEditPage = named(() => import('../features/resources/components/VirtualGatewayFormPage'), 'VirtualGatewayEditPage');
const GatewayRoutePage = named(() => import('../features/resources/components/GatewayRoutePage'), 'GatewayRoutePage');
const GatewayRouteCreatePage = named(() => import('../features/resources/components/GatewayRouteFormPage'), 'GatewayRouteCreatePage');
const GatewayRouteEditPage = named(() => import('../features/resources/components/GatewayRouteFormPage'), 'GatewayRouteEditPage');
const ImportPage = named(() => import('../features/import/components/ImportPage'), 'ImportPage');
const EnvoyPage = named(() => import('../features/resources/components/EnvoyPage'), 'EnvoyPage');
const KeysPage = named(() => import('../features/admin/components/KeysPage'), 'KeysPage');
const AuditPage = named(() => import('../features/admin/components/AuditPage'), 'AuditPage');
const ProxyCertificatesPage = named(() => import('../features/admin/components/ProxyCertificatesPage'), 'ProxyCertificatesPage');

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'get-started', element: <WizardPage /> },
      { path: 'import', element: <ImportPage /> },
      { path: 'admin/keys', element: <KeysPage /> },
      { path: 'admin/audit', element: <AuditPage /> },
      { path: 'admin/proxy-certificates', element: <ProxyCertificatesPage /> },
      {
        path: 'meshes/:mesh',
        element: <MeshLayout />,
        children: [
          { index: true, element: <Navigate to="virtualServices" replace /> },
          { path: 'virtualServices', element: <ServicesList /> },
          { path: 'virtualServices/:service', element: <VirtualServicePage /> },
          { path: 'virtualServices/:service/edit', element: <VirtualServiceEditPage /> },
          { path: 'virtualNodes', element: <NodesList /> },
          { path: 'virtualNodes/:node', element: <VirtualNodePage /> },
          { path: 'virtualNodes/:node/edit', element: <VirtualNodeEditPage /> },
          { path: 'virtualRouters', element: <RoutersList /> },
          { path: 'virtualRouters/:router', element: <VirtualRouterPage /> },
          { path: 'virtualRouters/:router/edit', element: <VirtualRouterEditPage /> },
          { path: 'virtualRouters/:router/routes/:route', element: <RoutePage /> },
          { path: 'virtualRouters/:router/routes/:route/edit', element: <RouteEditPage /> },
          { path: 'virtualGateways', element: <GatewaysList /> },
          // Create pages sit under `-/new`: two segments, which no name can take (names have no `/`), so a
          // gateway or gateway route literally named `new` still opens its own page.
          { path: 'virtualGateways/-/new', element: <VirtualGatewayCreatePage /> },
          { path: 'virtualGateways/:gateway', element: <VirtualGatewayPage /> },
          { path: 'virtualGateways/:gateway/edit', element: <VirtualGatewayEditPage /> },
          { path: 'virtualGateways/:gateway/gatewayRoutes', element: <Navigate to=".." relative="path" replace /> },
          { path: 'virtualGateways/:gateway/gatewayRoutes/-/new', element: <GatewayRouteCreatePage /> },
          { path: 'virtualGateways/:gateway/gatewayRoutes/:gatewayRoute', element: <GatewayRoutePage /> },
          { path: 'virtualGateways/:gateway/gatewayRoutes/:gatewayRoute/edit', element: <GatewayRouteEditPage /> },
          { path: 'envoy', element: <EnvoyPage /> },
          ...(TopologyPage ? [{ path: 'topology', element: <TopologyPage /> }] : []),
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];
