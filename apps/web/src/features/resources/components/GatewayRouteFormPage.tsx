import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import { gatewayRouteKindOf, type GatewayRouteSpec, type VirtualGatewaySpec } from '@meshwright/model';
import { ErrorMessage, Loading } from '../../../components/states';
import { seg } from '../../../lib/api-client';
import { GatewayRouteFields } from '../../wizard/components/fields/GatewayRouteFields';
import { gatewayRouteSpecFromValues, gatewayRouteValuesFromSpec, mergeGatewayRouteSpec } from '../../wizard/lib/gateway-spec';
import { defaultGatewayRoute, type GatewayRouteValues } from '../../wizard/lib/gateway-values';
import { childQueryOptions, childrenQueryOptions, useCreateResource, useUpdateResource } from '../api/appmesh';
import { gatewayRouteEditSchema } from '../lib/gateway-edit-schemas';
import { EditForm } from './EditForm';

type Values = { route: GatewayRouteValues };

/** Create and edit both need the gateway (its listeners) and the mesh's services (the targets). */
function useRouteContext(mesh: string, gateway: string) {
  const gatewayQuery = useQuery(childQueryOptions({ mesh, kind: 'virtualGateway' }, gateway));
  const services = useQuery(childrenQueryOptions({ mesh, kind: 'virtualService' }));
  const error = gatewayQuery.error ?? services.error;
  const data = gatewayQuery.data && services.data ? { spec: gatewayQuery.data.spec, services: services.data.map((s) => s.name) } : undefined;
  return { pending: gatewayQuery.isPending || services.isPending, error, data };
}

export function GatewayRouteCreatePage() {
  const { mesh = '', gateway = '' } = useParams();
  const context = useRouteContext(mesh, gateway);
  if (context.pending) return <Loading lines={8} />;
  if (context.error) return <ErrorMessage error={context.error} />;
  if (!context.data) return null;
  return <RouteForm mesh={mesh} gateway={gateway} gatewaySpec={context.data.spec} services={context.data.services} />;
}

export function GatewayRouteEditPage() {
  const { mesh = '', gateway = '', gatewayRoute = '' } = useParams();
  const context = useRouteContext(mesh, gateway);
  const query = useQuery(childQueryOptions({ mesh, kind: 'gatewayRoute', gateway }, gatewayRoute));
  if (context.pending || query.isPending) return <Loading lines={8} />;
  const error = context.error ?? query.error;
  if (error) return <ErrorMessage error={error} />;
  if (!context.data || !query.data) return null;
  const spec = query.data.spec;
  // A target that no longer exists stays choosable, so opening the form does not change it.
  const target = spec[gatewayRouteKindOf(spec)]?.action.target.virtualService.virtualServiceName;
  const { services } = context.data;
  const choices = target === undefined || services.includes(target) ? services : [...services, target];
  return <RouteForm mesh={mesh} gateway={gateway} gatewaySpec={context.data.spec} services={services} choices={choices} existing={{ name: gatewayRoute, spec }} />;
}

function RouteForm({ mesh, gateway, gatewaySpec, services, choices = services, existing }: { mesh: string; gateway: string; gatewaySpec: VirtualGatewaySpec; services: string[]; choices?: string[]; existing?: { name: string; spec: GatewayRouteSpec } }) {
  const schema = useMemo(() => gatewayRouteEditSchema({ gateway: { name: gateway, spec: gatewaySpec }, services }), [gateway, gatewaySpec, services]);
  const defaults = existing ? gatewayRouteValuesFromSpec(existing.name, existing.spec) : { ...defaultGatewayRoute(services.length === 1 ? services[0] : ''), type: gatewaySpec.listeners[0]?.portMapping.protocol ?? 'http' };
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { route: defaults }, mode: 'onBlur' });
  const id = { mesh, kind: 'gatewayRoute' as const, gateway };
  const create = useCreateResource(id);
  const update = useUpdateResource(id, existing?.name ?? '');
  const navigate = useNavigate();
  const gatewayPage = `/meshes/${seg(mesh)}/virtualGateways/${seg(gateway)}`;
  const onSubmit = (v: Values) => {
    if (existing) {
      update.mutate(mergeGatewayRouteSpec(existing.spec, v.route), { onSuccess: () => void navigate('..', { relative: 'path' }) });
      return;
    }
    const name = v.route.name.trim();
    create.mutate({ name, spec: gatewayRouteSpecFromValues(v.route) }, { onSuccess: () => void navigate(`${gatewayPage}/gatewayRoutes/${seg(name)}`) });
  };
  const mutation = existing ? update : create;
  return (
    <EditForm
      title={existing ? `Edit gateway route ${existing.name}` : `Create gateway route on ${gateway}`}
      form={form}
      onSubmit={onSubmit}
      saving={mutation.isPending}
      error={mutation.error}
      {...(existing ? {} : { submitLabel: 'Create gateway route', cancelTo: gatewayPage })}
    >
      <GatewayRouteFields prefix="route" serviceNames={choices} nameReadOnly={existing !== undefined} />
    </EditForm>
  );
}
