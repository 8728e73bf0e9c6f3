import { defaultNode, defaultWizardValues, type WizardValues } from './form-values';

/** A filled-in wizard: two nodes, a 90/10 route, a health check, a backend and a log path. */
export function filledWizard(): WizardValues {
  const values = defaultWizardValues();
  const v1 = defaultNode(0);
  const v2 = defaultNode(1);
  values.meshName = 'shop';
  values.virtualServiceName = 'reviews.shop.local';
  values.nodes = [
    {
      ...v1,
      name: 'reviews-v1',
      dnsHostname: 'reviews-v1.shop.local',
      port: 9080,
      healthCheck: { ...v1.healthCheck, enabled: true, path: '/ping' },
      backends: [{ name: 'ratings.shop.local' }],
      logPath: '/dev/stdout',
    },
    { ...v2, name: 'reviews-v2', dnsHostname: 'reviews-v2.shop.local', port: 9080 },
  ];
  values.router = { name: 'reviews-router', port: 9080, protocol: 'http' };
  values.route = {
    ...values.route,
    name: 'reviews-route',
    targets: [
      { node: 'reviews-v1', weight: 90 },
      { node: 'reviews-v2', weight: 10 },
    ],
  };
  return values;
}
