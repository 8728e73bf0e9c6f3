import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import type { VirtualNodeSpec } from '@meshwright/model';
import { ErrorMessage, Loading } from '../../../components/states';
import { VirtualNodeFields } from '../../wizard/components/fields';
import { childQueryOptions, useUpdateResource } from '../api/appmesh';
import { nodeEditSchema } from '../lib/node-edit-schema';
import { mergeNodeSpec, nodeEditValuesFromSpec, type NodeEditValues } from '../lib/node-edit-values';
import { EditForm } from './EditForm';
import { ListenersFields } from './ListenersFields';

export function VirtualNodeEditPage() {
  const { mesh = '', node = '' } = useParams();
  const query = useQuery(childQueryOptions({ mesh, kind: 'virtualNode' }, node));
  if (query.isPending) return <Loading lines={8} />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  return <NodeEditor mesh={mesh} node={node} spec={query.data.spec} />;
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
