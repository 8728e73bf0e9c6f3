import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import type { VirtualServiceSpec } from '@meshwright/model';
import { SelectField } from '../../../components/fields';
import { ErrorMessage, Loading } from '../../../components/states';
import { childQueryOptions, childrenQueryOptions, useUpdateResource } from '../api/appmesh';
import { serviceEditSchema } from '../lib/edit-schemas';
import { EditForm } from './EditForm';

export function VirtualServiceEditPage() {
  const { mesh = '', service = '' } = useParams();
  const query = useQuery(childQueryOptions({ mesh, kind: 'virtualService' }, service));
  const nodes = useQuery(childrenQueryOptions({ mesh, kind: 'virtualNode' }));
  const routers = useQuery(childrenQueryOptions({ mesh, kind: 'virtualRouter' }));
  if (query.isPending || nodes.isPending || routers.isPending) return <Loading lines={4} />;
  const error = query.error ?? nodes.error ?? routers.error;
  if (error || !query.data || !nodes.data || !routers.data) return <ErrorMessage error={error} />;
  const options = [
    { value: '', label: 'None' },
    ...routers.data.map((r) => ({ value: `router:${r.name}`, label: `Virtual router ${r.name}` })),
    ...nodes.data.map((n) => ({ value: `node:${n.name}`, label: `Virtual node ${n.name}` })),
  ];
  return <ServiceEditor mesh={mesh} service={service} spec={query.data.spec} options={options} />;
}

function ServiceEditor({ mesh, service, spec, options }: { mesh: string; service: string; spec: VirtualServiceSpec; options: { value: string; label: string }[] }) {
  const p = spec.provider;
  const current = p?.virtualRouter ? `router:${p.virtualRouter.virtualRouterName}` : p?.virtualNode ? `node:${p.virtualNode.virtualNodeName}` : '';
  const form = useForm<{ provider: string }>({ resolver: zodResolver(serviceEditSchema), defaultValues: { provider: current } });
  const update = useUpdateResource({ mesh, kind: 'virtualService' }, service);
  const navigate = useNavigate();
  const onSubmit = ({ provider }: { provider: string }) => {
    const [kind, name = ''] = provider.split(':');
    const next: VirtualServiceSpec =
      kind === 'router' ? { provider: { virtualRouter: { virtualRouterName: name } } } : kind === 'node' ? { provider: { virtualNode: { virtualNodeName: name } } } : {};
    update.mutate(next, { onSuccess: () => void navigate('..', { relative: 'path' }) });
  };
  return (
    <EditForm title={`Edit virtual service ${service}`} form={form} onSubmit={onSubmit} saving={update.isPending} error={update.error}>
      <SelectField name="provider" label="Provider" options={options} />
    </EditForm>
  );
}
