import type { Locator, Page } from '@playwright/test';
import { expect, keepScreenshot, test, uniqueName, type Api } from './support/fixtures';
import { httpListeners, httpNode } from './support/mesh-builders';

/**
 * A 14-resource, 8-layer-deep mesh: web.local -> web-router -> split and canary -> web-v1, web-v2,
 * which call cart, catalog and payments; cart calls users. Deep enough that a careless first view
 * cuts the last layers off a 1280x900 window.
 */
async function createDeepMesh(api: Api, meshName: string): Promise<void> {
  const node = (name: string, backends: string[]) => httpNode(meshName, name, backends);
  const service = (name: string, provider: string) => ({ meshName, virtualServiceName: `${name}.local`, spec: { provider: { virtualNode: { virtualNodeName: provider } } } });
  const route = (routeName: string, prefix: string, targets: [string, number][]) => ({
    meshName,
    virtualRouterName: 'web-router',
    routeName,
    spec: { httpRoute: { match: { prefix }, action: { weightedTargets: targets.map(([virtualNode, weight]) => ({ virtualNode, weight })) } } },
  });
  const res = await api.request('POST', '/api/bundles', {
    mesh: { meshName },
    virtualNodes: [
      node('web-v1', ['cart.local', 'catalog.local']),
      node('web-v2', ['payments.local', 'catalog.local']),
      node('cart', ['users.local']),
      node('catalog', []),
      node('payments', []),
      node('users', []),
    ],
    virtualRouters: [{ meshName, virtualRouterName: 'web-router', spec: { listeners: httpListeners } }],
    routes: [route('split', '/', [['web-v1', 80], ['web-v2', 20]]), route('canary', '/beta', [['web-v2', 1]])],
    virtualServices: [
      { meshName, virtualServiceName: 'web.local', spec: { provider: { virtualRouter: { virtualRouterName: 'web-router' } } } },
      service('cart', 'cart'),
      service('catalog', 'catalog'),
      service('payments', 'payments'),
      service('users', 'users'),
    ],
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
}

const graph = (page: Page) => page.getByRole('group', { name: /^Topology of mesh/ });

/** Every node's box lies inside the canvas, so nothing is cut off at its edges. */
async function expectAllNodesInside(page: Page, nodes: Locator, count: number): Promise<void> {
  await expect(nodes).toHaveCount(count);
  const canvas = await page.locator('.topo-viewport').boundingBox();
  expect(canvas).not.toBeNull();
  if (!canvas) return;
  for (const node of await nodes.all()) {
    const box = await node.locator('rect.box').boundingBox();
    const name = (await node.getAttribute('aria-label')) ?? '';
    expect(box, name).not.toBeNull();
    if (!box) continue;
    expect(box.x, `${name} left`).toBeGreaterThanOrEqual(canvas.x);
    expect(box.y, `${name} top`).toBeGreaterThanOrEqual(canvas.y);
    expect(box.x + box.width, `${name} right`).toBeLessThanOrEqual(canvas.x + canvas.width);
    expect(box.y + box.height, `${name} bottom`).toBeLessThanOrEqual(canvas.y + canvas.height);
  }
}

test('the first view of a 14-resource mesh shows all of it, centred, with readable names', async ({ page, api }) => {
  const mesh = uniqueName('topo-deep');
  await createDeepMesh(api, mesh);
  await page.goto(`/meshes/${mesh}/topology`);
  const nodes = graph(page).locator('[data-node-id]');
  await expect(graph(page).getByRole('link', { name: 'users, virtual node', exact: true })).toBeVisible();
  // The first view is set once the layout settles; wait for it rather than for a fixed time.
  await expect(page.getByRole('status').filter({ hasText: 'resources' })).toContainText('layout');

  await expectAllNodesInside(page, nodes, 14);

  // Centred: the empty space above the graph and below it differ by little.
  const canvas = await page.locator('.topo-viewport').boundingBox();
  const boxes = await nodes.locator('rect.box').evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect()).map((b) => ({ top: b.top, bottom: b.bottom, left: b.left, right: b.right })));
  const top = Math.min(...boxes.map((b) => b.top));
  const bottom = Math.max(...boxes.map((b) => b.bottom));
  const left = Math.min(...boxes.map((b) => b.left));
  const right = Math.max(...boxes.map((b) => b.right));
  if (canvas) {
    expect(Math.abs(top - canvas.y - (canvas.y + canvas.height - bottom))).toBeLessThan(60);
    expect(Math.abs(left - canvas.x - (canvas.x + canvas.width - right))).toBeLessThan(60);
  }

  // Names readable: a name's glyphs are at least 10 px tall on screen.
  const label = await graph(page).getByRole('link', { name: 'users, virtual node', exact: true }).locator('text.label').boundingBox();
  expect(label?.height ?? 0).toBeGreaterThanOrEqual(10);
  await keepScreenshot(page, 'topology-first-view');
});
