import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import type { PortProtocol, RouteSpec } from '@meshwright/model';
import { ErrorMessage, Loading } from '../../../components/states';
import { RouteFields } from '../../wizard/components/fields';
import type { RouteValues } from '../../wizard/lib/form-values';
import { childQueryOptions, childrenQueryOptions, useUpdateResource } from '../api/appmesh';
import { routeEditSchema } from '../lib/edit-schemas';
import { mergeRouteSpec, routeValuesFromSpec } from '../lib/spec-to-values';
import { EditForm } from './EditForm';

export function RouteEditPage() {
  const { mesh = '', router = '', route = '' } = useParams();
  const query = useQuery(childQueryOptions({ mesh, kind: 'route', router }, route));
  const routerQuery = useQuery(childQueryOptions({ mesh, kind: 'virtualRouter' }, router));
  const nodes = useQuery(childrenQueryOptions({ mesh, kind: 'virtualNode' }));
  if (query.isPending || routerQuery.isPending || nodes.isPending) return <Loading lines={8} />;
  const error = query.error ?? routerQuery.error ?? nodes.error;
  if (error) return <ErrorMessage error={error} />;
  if (!query.data || !routerQuery.data || !nodes.data) return null;
  const protocol = routerQuery.data.spec.listeners?.[0]?.portMapping.protocol ?? 'http';
  return <RouteEditor mesh={mesh} router={router} route={route} spec={query.data.spec} nodeNames={nodes.data.map((n) => n.name)} routerProtocol={protocol} />;
}

function RouteEditor({ mesh, router, route, spec, nodeNames, routerProtocol }: { mesh: string; router: string; route: string; spec: RouteSpec; nodeNames: string[]; routerProtocol: PortProtocol }) {
  const schema = useMemo(() => routeEditSchema({ nodes: nodeNames.map((name) => ({ name, hasListener: true })), routerProtocol }), [nodeNames, routerProtocol]);
  // 'onBlur', not 'onTouched': that mode validates a field array on append, flagging an added target before it is filled.
  const form = useForm<{ route: RouteValues }>({ resolver: zodResolver(schema), defaultValues: { route: routeValuesFromSpec(route, spec) }, mode: 'onBlur' });
  const update = useUpdateResource({ mesh, kind: 'route', router }, route);
  const navigate = useNavigate();
  const onSubmit = (v: { route: RouteValues }) => update.mutate(mergeRouteSpec(spec, v.route), { onSuccess: () => void navigate('..', { relative: 'path' }) });
  return (
    <EditForm title={`Edit route ${route}`} form={form} onSubmit={onSubmit} saving={update.isPending} error={update.error}>
      <RouteFields prefix="route" nodeNames={nodeNames} nameReadOnly />
    </EditForm>
  );
}
