import type { FieldPath } from 'react-hook-form';
import type { WizardValues } from '../lib/form-values';

/** The wizard's steps: visible title and the fields validated before leaving the step. */
export const wizardSteps: { title: string; fields: FieldPath<WizardValues>[] }[] = [
  { title: 'Mesh and service', fields: ['meshName', 'virtualServiceName'] },
  { title: 'Virtual nodes', fields: ['nodes'] },
  { title: 'Router and route', fields: ['useRouter', 'router', 'route'] },
  // Optional: reached only when "Add an ingress gateway" is ticked (Next skips it otherwise).
  { title: 'Ingress gateway', fields: ['useGateway', 'gateway'] },
  { title: 'Review and create', fields: [] },
];
