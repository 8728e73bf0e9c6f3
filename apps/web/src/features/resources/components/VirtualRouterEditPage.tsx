import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import type { PortProtocol, VirtualRouterSpec } from '@meshwright/model';
import { NumberField, SelectField, protocolOptions } from '../../../components/fields';
import { useUpdateResource } from '../api/appmesh';
import { routerEditSchema } from '../lib/edit-schemas';
import { DescribedResource } from './DescribedResource';
import { EditForm } from './EditForm';

interface RouterValues {
  port: number;
  protocol: PortProtocol;
}

export function VirtualRouterEditPage() {
  const { mesh = '', router = '' } = useParams();
  return (
    <DescribedResource id={{ mesh, kind: 'virtualRouter' }} name={router} lines={4}>
      {(described) => <RouterEditor mesh={mesh} router={router} spec={described.spec} />}
    </DescribedResource>
  );
}

function RouterEditor({ mesh, router, spec }: { mesh: string; router: string; spec: VirtualRouterSpec }) {
  const first = spec.listeners?.[0]?.portMapping;
  const form = useForm<RouterValues>({ resolver: zodResolver(routerEditSchema), defaultValues: { port: first?.port ?? 8080, protocol: first?.protocol ?? 'http' }, mode: 'onTouched' });
  const update = useUpdateResource({ mesh, kind: 'virtualRouter' }, router);
  const navigate = useNavigate();
  const onSubmit = (v: RouterValues) =>
    update.mutate({ ...spec, listeners: [{ portMapping: { port: v.port, protocol: v.protocol } }, ...(spec.listeners?.slice(1) ?? [])] }, { onSuccess: () => void navigate('..', { relative: 'path' }) });
  return (
    <EditForm title={`Edit virtual router ${router}`} form={form} onSubmit={onSubmit} saving={update.isPending} error={update.error}>
      <div className="field-row">
        <NumberField name="port" label="Router listener port" />
        <SelectField name="protocol" label="Router listener protocol" options={protocolOptions} />
      </div>
    </EditForm>
  );
}
