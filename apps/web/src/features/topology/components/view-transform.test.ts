import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { centreOn, fitTransform, initialTransform, isVisible, zoomAround } from './view-transform';

describe('view transform', () => {
  it('fits a large graph into the viewport and centres a small one without enlarging it', () => {
    const big = fitTransform({ width: 4000, height: 1000 }, { width: 800, height: 600 });
    assert.equal(big.k, 0.2);
    assert.ok(isVisible(big, { x: 3900, y: 900, width: 100, height: 100 }, { width: 800, height: 600 }));
    const small = fitTransform({ width: 400, height: 200 }, { width: 800, height: 600 });
    assert.deepEqual(small, { x: 200, y: 200, k: 1 });
  });

  it('keeps names readable on first view by starting at the top-left when fitting would shrink them', () => {
    const t = fitTransform({ width: 12000, height: 16000 }, { width: 1200, height: 800 }, 0.7);
    assert.deepEqual(t, { x: 0, y: 0, k: 0.7 });
  });

  it('zooms around the pointer, keeping the point under it still', () => {
    const t = zoomAround({ x: 10, y: 20, k: 1 }, 2, 110, 120);
    // Graph point (100, 100) was under the pointer and still is.
    assert.equal(100 * t.k + t.x, 110);
    assert.equal(100 * t.k + t.y, 120);
  });

  it('brings a node into view', () => {
    const view = { width: 800, height: 600 };
    const box = { x: 5000, y: 3000, width: 100, height: 40 };
    assert.equal(isVisible({ x: 0, y: 0, k: 1 }, box, view), false);
    assert.equal(isVisible(centreOn({ x: 0, y: 0, k: 1 }, box, view), box, view), true);
  });

  it('starts a graph too big to fit readably at its leftmost node, names readable', () => {
    const view = { width: 1200, height: 800 };
    const entry = { x: 24, y: 9000, width: 150, height: 48 };
    const graph = { width: 12000, height: 16000, nodes: { b: { x: 500, y: 100, width: 150, height: 48 }, a: entry } };
    const t = initialTransform(graph, view, 0.7);
    assert.equal(t.k, 0.7);
    assert.ok(isVisible(t, entry, view));
    // A graph too wide but not too tall is centred vertically, not on its first node.
    const wide = { width: 4000, height: 400, nodes: { a: { x: 24, y: 300, width: 150, height: 48 } } };
    assert.equal(initialTransform(wide, view, 0.7).y, (800 - 400 * 0.7) / 2);
    const small = { width: 600, height: 300, nodes: { a: entry } };
    assert.deepEqual(initialTransform(small, view, 0.7), fitTransform(small, view));
  });
});
