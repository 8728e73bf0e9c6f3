import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import type { VirtualNodeSpec } from '@meshwright/model';
import { VirtualNodeFields } from '../../wizard/components/fields';
import { useUpdateResource } from '../api/appmesh';
import { nodeEditSchema } from '../lib/node-edit-schema';
import { mergeNodeSpec, nodeEditValuesFromSpec, type NodeEditValues } from '../lib/node-edit-values';
import { DescribedResource } from './DescribedResource';
import { EditForm } from './EditForm';
import { ListenersFields } from './ListenersFields';

export function VirtualNodeEditPage() {
  const { mesh = '', node = '' } = useParams();
  return (
    <DescribedResource id={{ mesh, kind: 'virtualNode' }} name={node} lines={8}>
      {(described) => <NodeEditor mesh={mesh} node={node} spec={described.spec} />}
    </DescribedResource>
  );
}

function NodeEditor({ mesh, node, spec }: { mesh: string; node: string; spec: VirtualNodeSpec }) {
  // 'onBlur', not 'onTouched': that mode validates a field array on append, flagging an added backend before it is filled.
  const form = useForm<NodeEditValues>({ resolver: zodResolver(nodeEditSchema), defaultValues: nodeEditValuesFromSpec(node, spec), mode: 'onBlur' });
  const update = useUpdateResource({ mesh, kind: 'virtualNode' }, node);
  const navigate = useNavigate();
  const onSubmit = (v: NodeEditValues) => update.mutate(mergeNodeSpec(spec, v), { onSuccess: () => void navigate('..', { relative: 'path' }) });
  return (
    <EditForm title={`Edit virtual node ${node}`} form={form} onSubmit={onSubmit} saving={update.isPending} error={update.error}>
      <VirtualNodeFields prefix="node" nameReadOnly listeners={<ListenersFields />} />
    </EditForm>
  );
}
