import { expectAccessible, test, expect, uniqueName } from './support/fixtures';
import { createGatewayMesh } from './support/gateway-mesh';

test('the topology shows the gateway on the left and its route as the edge to the service', async ({ page, api }) => {
  const mesh = uniqueName('gwtopo');
  await createGatewayMesh(api, mesh, [{ name: 'web', prefix: '/web' }]);

  await page.goto(`/meshes/${mesh}`);
  await page.getByRole('navigation', { name: 'Mesh sections' }).getByRole('link', { name: 'Topology' }).click();
  const graph = page.getByRole('group', { name: /^Topology of mesh/ });
  const gateway = graph.getByRole('link', { name: 'ingress, virtual gateway', exact: true });
  const service = graph.getByRole('link', { name: 'web.local, virtual service', exact: true });
  await expect(gateway).toBeVisible();
  await expect(service).toBeVisible();
  // The edge is labelled with the gateway route's name and match.
  await expect(graph.getByText('web /web', { exact: true })).toBeVisible();
  // Entry point on the left: left of the service and of every other resource.
  const boxes = await Promise.all([gateway, service, graph.getByRole('link', { name: 'web-router, virtual router', exact: true })].map((l) => l.boundingBox()));
  const [g, s, r] = boxes.map((b) => b?.x ?? Number.NaN);
  expect(g).toBeLessThan(s ?? Number.NaN);
  expect(g).toBeLessThan(r ?? Number.NaN);

  // Selecting the gateway lists the service it routes to.
  await gateway.focus();
  const selected = page.getByRole('region', { name: 'Selected resource' });
  await expect(selected.getByRole('heading', { name: 'ingress' })).toBeVisible();
  await expect(selected.getByRole('button', { name: 'web.local' })).toBeVisible();
  await expectAccessible(page, 'topology with gateway');
});
