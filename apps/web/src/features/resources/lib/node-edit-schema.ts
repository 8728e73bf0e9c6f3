import { z } from 'zod';
import { portProtocol } from '@meshwright/model';
import { healthCheckValuesSchema as healthCheckSchema, num, reportIssues } from '../../wizard/lib/form-schema';
import { discoveryMethods } from '../../wizard/lib/form-values';
import { parsePath } from '../../wizard/lib/field-paths';
import { nodeSpecFromValues } from '../../wizard/lib/to-bundle';
import { emptyBackendIssues, firstPerField, nodeFieldOf, nodeSpecFindings, type FormIssue } from '../../wizard/lib/validate';
import { withListener, type NodeEditValues } from './node-edit-values';

// The node edit form's schema: the shape of its inputs, refined by the model's findings about the
// node with every listener, each finding led back to its own listener.

const nodeEditValuesSchema: z.ZodType<NodeEditValues, NodeEditValues> = z.object({
  node: z.object({
    name: z.string(),
    discovery: z.enum(discoveryMethods),
    dnsHostname: z.string(),
    cloudMapNamespace: z.string(),
    cloudMapService: z.string(),
    backends: z.array(z.object({ name: z.string() })),
    logPath: z.string(),
  }),
  listeners: z.array(z.object({ source: num, port: num, protocol: portProtocol(), healthCheck: healthCheckSchema })),
});

/** Every issue of the node edit form, at absolute fields (`node.dnsHostname`, `listeners.1.port`): the model judges the node with all its listeners. */
export function validateNodeEdit(values: NodeEditValues): FormIssue[] {
  const first = nodeSpecFromValues(withListener(values.node, values.listeners[0]));
  const listeners = values.listeners.flatMap((l) => nodeSpecFromValues(withListener(values.node, l)).listeners ?? []);
  const spec = listeners.length > 0 ? { ...first, listeners } : first;
  const issues = nodeSpecFindings(values.node.name.trim(), spec).map((f): FormIssue => {
    const [, head, index] = parsePath(f.path);
    const field = nodeFieldOf(f.path);
    return { field: head === 'listeners' && typeof index === 'number' ? `listeners.${index}.${field}` : `node.${field}`, message: f.message };
  });
  const backends = emptyBackendIssues(values.node.backends).map((i) => ({ ...i, field: `node.${i.field}` }));
  return firstPerField([...backends, ...issues]);
}

export const nodeEditSchema = nodeEditValuesSchema.superRefine((v, ctx) => reportIssues(ctx, validateNodeEdit(v)));
