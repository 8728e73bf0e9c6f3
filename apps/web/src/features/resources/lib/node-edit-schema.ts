import { z } from 'zod';
import { portProtocol } from '@meshwright/model';
import { healthCheckValuesSchema as healthCheckSchema, num, reportIssues } from '../../wizard/lib/form-schema';
import { discoveryMethods } from '../../wizard/lib/form-values';
import { firstPerField, validateNodeValues, type FormIssue } from '../../wizard/lib/validate';
import { withListener, type NodeEditValues } from './node-edit-values';

// The node edit form's schema: the shape of its inputs, refined by the wizard's node checks (the
// model's spec schema underneath) run once per listener, each issue led back to its own listener.

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

const isListenerField = (field: string) => /^(port|protocol|healthCheck)(\.|$)/.test(field);

/** Every issue of the node edit form, at absolute fields (`node.dnsHostname`, `listeners.1.port`). */
export function validateNodeEdit(values: NodeEditValues): FormIssue[] {
  const issues: FormIssue[] = [];
  const listeners = values.listeners.length > 0 ? values.listeners : [undefined];
  listeners.forEach((listener, i) => {
    for (const issue of validateNodeValues(withListener(values.node, listener))) {
      if (isListenerField(issue.field)) {
        if (listener) issues.push({ field: `listeners.${i}.${issue.field}`, message: issue.message });
      } else if (i === 0) {
        // The node's own fields are the same for every listener: report them once.
        issues.push({ field: `node.${issue.field}`, message: issue.message });
      }
    }
  });
  if (values.node.discovery !== 'none') {
    // Two listeners on one port cannot both be served, and no single-listener check can see it.
    const seen = new Set<number>();
    values.listeners.forEach((l, i) => {
      if (seen.has(l.port)) issues.push({ field: `listeners.${i}.port`, message: 'must be unique: another listener has this port' });
      if (Number.isInteger(l.port)) seen.add(l.port);
    });
  }
  return firstPerField(issues);
}

export const nodeEditSchema = nodeEditValuesSchema.superRefine((v, ctx) => reportIssues(ctx, validateNodeEdit(v)));
