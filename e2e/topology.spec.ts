import type { Page } from '@playwright/test';
import { expect, expectAccessible, keepScreenshot, test, uniqueName, type Api } from './support/fixtures';
import { httpListeners, httpNode } from './support/mesh-builders';

/**
 * A shop mesh: web.local -> web-router -> route split (80/20) -> web-v1, web-v2; web-v1 calls
 * cart.local (served by cart); web-v2 calls payments.local, which does not exist (App Mesh allows
 * that, analysis warns about it): the broken reference the topology must highlight.
 */
async function createShopMesh(api: Api, meshName: string): Promise<void> {
  const node = (name: string, backends: string[]) => httpNode(meshName, name, backends);
  const res = await api.request('POST', '/api/bundles', {
    mesh: { meshName },
    virtualNodes: [node('web-v1', ['cart.local']), node('web-v2', ['payments.local']), node('cart', [])],
    virtualRouters: [{ meshName, virtualRouterName: 'web-router', spec: { listeners: httpListeners } }],
    routes: [
      {
        meshName,
        virtualRouterName: 'web-router',
        routeName: 'split',
        spec: { httpRoute: { match: { prefix: '/' }, action: { weightedTargets: [{ virtualNode: 'web-v1', weight: 80 }, { virtualNode: 'web-v2', weight: 20 }] } } },
      },
    ],
    virtualServices: [
      { meshName, virtualServiceName: 'web.local', spec: { provider: { virtualRouter: { virtualRouterName: 'web-router' } } } },
      { meshName, virtualServiceName: 'cart.local', spec: { provider: { virtualNode: { virtualNodeName: 'cart' } } } },
    ],
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
}

const graph = (page: Page) => page.getByRole('group', { name: /^Topology of mesh/ });
const node = (page: Page, name: string) => graph(page).getByRole('link', { name, exact: true });

test.describe('topology', () => {
  test('shows every resource, the route split and the broken reference, and opens resources', async ({ page, api }) => {
    const mesh = uniqueName('topo');
    await createShopMesh(api, mesh);

    await page.goto(`/meshes/${mesh}`);
    await page.getByRole('navigation', { name: 'Mesh sections' }).getByRole('link', { name: 'Topology' }).click();
    await expect(page).toHaveURL(new RegExp(`/meshes/${mesh}/topology$`));

    // Every resource is a link named by its name and kind, and shows its name.
    for (const name of ['web.local, virtual service', 'cart.local, virtual service', 'web-router, virtual router', 'split, route of web-router', 'web-v1, virtual node', 'web-v2, virtual node', 'cart, virtual node']) {
      await expect(node(page, name)).toBeVisible();
      await expect(node(page, name)).toContainText(name.split(',')[0] ?? '');
    }
    // The route's targets carry their shares.
    await expect(graph(page).getByText('80%', { exact: true })).toBeVisible();
    await expect(graph(page).getByText('20%', { exact: true })).toBeVisible();

    // The missing backend is drawn as a highlighted dangling node with analysis's message.
    const missing = graph(page).getByRole('button', { name: 'payments.local, missing virtual service' });
    await expect(missing).toBeVisible();
    await expect(missing).toHaveClass(/missing/);
    await expect(page.locator('[data-edge-id^="backend:virtualNode:web-v2:"]')).toHaveClass(/broken/);
    await missing.hover();
    const details = page.getByRole('region', { name: 'Selected resource' });
    await expect(details.getByRole('heading', { name: 'payments.local' })).toBeVisible();
    await expect(details).toContainText('payments.local does not exist');
    await expect(page.getByRole('region', { name: 'Problems' })).toContainText('payments.local');

    // Selecting a node highlights its neighbours.
    await node(page, 'web-v1, virtual node').hover();
    await expect(node(page, 'web-v1, virtual node')).toHaveClass(/near/);
    await expect(node(page, 'cart.local, virtual service')).toHaveClass(/near/);
    await expect(node(page, 'cart, virtual node')).not.toHaveClass(/near/);

    await expectAccessible(page, 'topology');
    await keepScreenshot(page, 'topology');

    // Clicking a node opens its page.
    await node(page, 'web-router, virtual router').click();
    await expect(page).toHaveURL(new RegExp(`/meshes/${mesh}/virtualRouters/web-router$`));
    await page.goBack();
    await node(page, 'split, route of web-router').click();
    await expect(page).toHaveURL(new RegExp(`/meshes/${mesh}/virtualRouters/web-router/routes/split$`));
  });

  test('is usable from the keyboard: Tab reaches nodes, Enter opens them', async ({ page, api }) => {
    const mesh = uniqueName('topo-keys');
    await createShopMesh(api, mesh);
    await page.goto(`/meshes/${mesh}/topology`);
    await expect(node(page, 'web-v2, virtual node')).toBeVisible();

    await page.getByRole('button', { name: 'Export JSON' }).focus();
    // Nodes come after the toolbar in reading order (left to right), services first.
    const names: string[] = [];
    for (let i = 0; i < 12 && !names.includes('web-v2, virtual node'); i++) {
      await page.keyboard.press('Tab');
      names.push((await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) ?? '');
    }
    expect(names).toContain('web.local, virtual service');
    expect(names).toContain('web-v2, virtual node');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/meshes/${mesh}/virtualNodes/web-v2$`));
  });

  test('updates itself when the mesh changes and exports PNG, SVG and JSON', async ({ page, api }) => {
    const mesh = uniqueName('topo-live');
    await createShopMesh(api, mesh);
    await page.goto(`/meshes/${mesh}/topology`);
    await expect(node(page, 'cart, virtual node')).toBeVisible();

    // Another client adds the missing service through the App Mesh API: the dangling node becomes a real one.
    const created = await api.request('PUT', `/v20190125/meshes/${mesh}/virtualServices`, {
      virtualServiceName: 'payments.local',
      spec: { provider: { virtualNode: { virtualNodeName: 'cart' } } },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    await expect(node(page, 'payments.local, virtual service')).toBeVisible({ timeout: 15_000 });
    await expect(graph(page).getByRole('button', { name: /missing/ })).toHaveCount(0);

    for (const [button, file] of [['Export PNG', `${mesh}-topology.png`], ['Export SVG', `${mesh}-topology.svg`], ['Export JSON', `${mesh}-topology.json`]] as const) {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: button }).click();
      const saved = await download;
      expect(saved.suggestedFilename()).toBe(file);
      const path = await saved.path();
      const { readFileSync } = await import('node:fs');
      const content = readFileSync(path);
      if (file.endsWith('.png')) expect([...content.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
      if (file.endsWith('.svg')) expect(content.toString()).toContain('payments.local');
      if (file.endsWith('.json')) {
        const doc = JSON.parse(content.toString()) as { nodes: { name: string }[]; edges: { share?: string }[] };
        expect(doc.nodes.map((n) => n.name)).toContain('web-router/split');
        expect(doc.edges.map((e) => e.share).filter(Boolean).sort()).toEqual(['20%', '80%']);
      }
    }
  });

  test('searches by name and filters by kind', async ({ page, api }) => {
    const mesh = uniqueName('topo-filter');
    await createShopMesh(api, mesh);
    await page.goto(`/meshes/${mesh}/topology`);
    await expect(node(page, 'web.local, virtual service')).toBeVisible();

    // A search keeps the matches and their neighbours.
    await page.getByLabel('Search by name').fill('cart');
    await expect(page.getByRole('status').filter({ hasText: 'matches' })).toHaveText('2 matches');
    await expect(node(page, 'web.local, virtual service')).toHaveCount(0);
    await expect(node(page, 'cart.local, virtual service')).toHaveClass(/match/);
    await expect(node(page, 'web-v1, virtual node')).toBeVisible();
    await page.getByLabel('Search by name').fill('');
    await expect(node(page, 'web.local, virtual service')).toBeVisible();

    // Unticking a kind hides it.
    await page.getByRole('checkbox', { name: 'routes' }).uncheck();
    await expect(node(page, 'split, route of web-router')).toHaveCount(0);
    await expect(node(page, 'web-router, virtual router')).toBeVisible();
    await page.getByRole('checkbox', { name: 'only problems' }).check();
    await expect(graph(page).getByRole('button', { name: 'payments.local, missing virtual service' })).toBeVisible();
    await expect(node(page, 'cart, virtual node')).toHaveCount(0);
  });
});
