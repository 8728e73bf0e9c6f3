import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import type { VirtualGatewaySpec } from '@meshwright/model';
import { seg } from '../../../lib/api-client';
import { GatewayFields } from '../../wizard/components/fields/GatewayFields';
import { gatewaySpecFromValues, gatewayValuesFromSpec, mergeGatewaySpec } from '../../wizard/lib/gateway-spec';
import { defaultGateway, type GatewayValues } from '../../wizard/lib/gateway-values';
import { useCreateResource, useUpdateResource } from '../api/appmesh';
import { gatewayEditSchema } from '../lib/gateway-edit-schemas';
import { DescribedResource } from './DescribedResource';
import { EditForm } from './EditForm';

type Values = { gateway: GatewayValues };

export function VirtualGatewayCreatePage() {
  const { mesh = '' } = useParams();
  const form = useForm<Values>({ resolver: zodResolver(gatewayEditSchema), defaultValues: { gateway: defaultGateway() }, mode: 'onBlur' });
  const create = useCreateResource({ mesh, kind: 'virtualGateway' });
  const navigate = useNavigate();
  const onSubmit = (v: Values) => {
    const name = v.gateway.name.trim();
    create.mutate({ name, spec: gatewaySpecFromValues(v.gateway) }, { onSuccess: () => void navigate(`/meshes/${seg(mesh)}/virtualGateways/${seg(name)}`) });
  };
  return (
    <EditForm title="Create virtual gateway" form={form} onSubmit={onSubmit} saving={create.isPending} error={create.error} submitLabel="Create virtual gateway" cancelTo="../..">
      <GatewayFields prefix="gateway" />
    </EditForm>
  );
}

export function VirtualGatewayEditPage() {
  const { mesh = '', gateway = '' } = useParams();
  return (
    <DescribedResource id={{ mesh, kind: 'virtualGateway' }} name={gateway} lines={6}>
      {(described) => <GatewayEditor mesh={mesh} gateway={gateway} spec={described.spec} />}
    </DescribedResource>
  );
}

function GatewayEditor({ mesh, gateway, spec }: { mesh: string; gateway: string; spec: VirtualGatewaySpec }) {
  const form = useForm<Values>({ resolver: zodResolver(gatewayEditSchema), defaultValues: { gateway: gatewayValuesFromSpec(gateway, spec) }, mode: 'onBlur' });
  const update = useUpdateResource({ mesh, kind: 'virtualGateway' }, gateway);
  const navigate = useNavigate();
  const onSubmit = (v: Values) => update.mutate(mergeGatewaySpec(spec, v.gateway), { onSuccess: () => void navigate('..', { relative: 'path' }) });
  return (
    <EditForm title={`Edit virtual gateway ${gateway}`} form={form} onSubmit={onSubmit} saving={update.isPending} error={update.error}>
      <GatewayFields prefix="gateway" nameReadOnly />
    </EditForm>
  );
}
