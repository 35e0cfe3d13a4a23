/**
 * The ELK layout of the report graph, checked geometrically on real report data: every component
 * inside its context's box, no two boxes overlapping, edges starting and ending on the boxes they
 * join, the same input giving the same drawing, and 500 components laid out in seconds.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_CONTEXT, layoutReport, nodeWidth, segment, type Box, type ReportLayout } from '../../../cli/format/report-layout.js';
import { gatherReport, type ReportData } from '../../../core/report.js';
import { loadWorkspace } from '../../../core/workspace.js';
import { workTreeReader } from '../../../cli/read-file.js';
import { gitEnv, makeRepo, type TempRepo } from '../../helpers/repo.js';
import { generatedReportTree, smallReportTree } from '../../helpers/report-project.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

async function dataOf(tree: Parameters<typeof makeRepo>[0]): Promise<ReportData> {
  const repo = makeRepo(tree);
  repos.push(repo);
  const ws = await loadWorkspace({ cwd: repo.dir, env: gitEnv() });
  return gatherReport(ws, workTreeReader(ws.repoRoot), { env: gitEnv(), now: new Date() });
}

const within = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
/** Whether a point lies on the border of a box (ELK ends edges on it, give or take a pixel or an arrow's length). */
const onBorder = (p: [number, number], b: Box, slack = 2) =>
  p[0] >= b.x - slack && p[0] <= b.x + b.width + slack && p[1] >= b.y - slack && p[1] <= b.y + b.height + slack &&
  (Math.abs(p[0] - b.x) <= slack || Math.abs(p[0] - b.x - b.width) <= slack || Math.abs(p[1] - b.y) <= slack || Math.abs(p[1] - b.y - b.height) <= slack);

function checkGeometry(data: ReportData, layout: ReportLayout): void {
  for (const c of data.components) {
    const node = layout.nodes[c.id];
    assert.ok(node, c.id);
    assert.equal(node.width, nodeWidth(c.id));
    assert.ok(within(node, layout.groups[c.context ?? NO_CONTEXT]!), `${c.id} inside its context`);
  }
  const nodes = Object.entries(layout.nodes);
  for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) assert.ok(!overlap(nodes[i]![1], nodes[j]![1]), `${nodes[i]![0]} / ${nodes[j]![0]}`);
  const groups = Object.entries(layout.groups);
  for (let i = 0; i < groups.length; i++) for (let j = i + 1; j < groups.length; j++) assert.ok(!overlap(groups[i]![1], groups[j]![1]), `${groups[i]![0]} / ${groups[j]![0]}`);
  for (const g of Object.values(layout.groups)) assert.ok(within(g, { x: 0, y: 0, width: layout.width, height: layout.height }));
}

describe('layoutReport', () => {
  test('the small repository: groups, nodes, and every edge drawn from box to box', async () => {
    const data = await dataOf(smallReportTree());
    const layout = await layoutReport(data);
    assert.deepEqual(Object.keys(layout.groups), ['core', 'api', NO_CONTEXT]);
    checkGeometry(data, layout);
    assert.equal(layout.edges.length, data.edges.length);
    for (const e of layout.edges) {
      const boxes = e.kind === 'allowed' ? layout.groups : layout.nodes;
      assert.ok(e.points.length >= 2);
      assert.ok(onBorder(e.points[0]!, boxes[e.from]!), `${e.from} → ${e.to} starts on ${e.from}: ${JSON.stringify(e.points)}`);
      assert.ok(onBorder(e.points.at(-1)!, boxes[e.to]!), `${e.from} → ${e.to} ends on ${e.to}: ${JSON.stringify(e.points)}`);
    }
    const allowed = layout.edges.find((e) => e.kind === 'allowed')!;
    assert.equal(allowed.routed, true);
    const forbidden = layout.edges.find((e) => e.forbidden)!;
    assert.deepEqual([forbidden.from, forbidden.to, forbidden.routed], ['core/leaky', 'api/handler', false], 'across contexts: a straight segment');
  });

  test('a dependency inside one context is routed by ELK', async () => {
    const data = await dataOf(generatedReportTree({ contexts: 2, perContext: 6, stories: 2 }));
    const layout = await layoutReport(data);
    checkGeometry(data, layout);
    const inner = layout.edges.filter((e) => e.kind === 'actual' && e.from.split('/')[0] === e.to.split('/')[0]);
    assert.ok(inner.length > 0);
    assert.ok(inner.every((e) => e.routed));
  });

  test('the same data, the same drawing', async () => {
    const data = await dataOf(smallReportTree());
    assert.deepEqual(await layoutReport(data), await layoutReport(data));
  });

  test('a context without components still gets its box', async () => {
    const layout = await layoutReport({ contexts: [{ id: 'empty', name: 'empty', owns: ['x/'], dependsOn: [], stories: [] }], components: [], edges: [] });
    assert.ok(layout.groups['empty']!.width >= 160 && layout.groups['empty']!.height > 30);
  });

  test('500 components in 10 contexts: laid out in seconds, nothing overlapping', async () => {
    const data = await dataOf(generatedReportTree({ contexts: 10, perContext: 50, stories: 30 }));
    const started = performance.now();
    const layout = await layoutReport(data);
    const ms = performance.now() - started;
    checkGeometry(data, layout);
    assert.ok(ms < 20_000, `${Math.round(ms)} ms`);
    // Wrapped, not one endless column or row: the drawing stays within a screen-like ratio.
    const ratio = layout.width / layout.height;
    assert.ok(ratio > 0.4 && ratio < 4, `${layout.width} × ${layout.height}`);
  });
});

describe('segment and nodeWidth', () => {
  test('a segment runs from border to border along the line between the centres', () => {
    const a = { x: 0, y: 0, width: 100, height: 20 };
    const b = { x: 200, y: 0, width: 100, height: 20 };
    assert.deepEqual(segment(a, b), [[100, 10], [200, 10]]);
    assert.deepEqual(segment({ x: 0, y: 0, width: 20, height: 20 }, { x: 0, y: 100, width: 20, height: 20 }), [[10, 20], [10, 100]]);
    const diagonal = segment({ x: 0, y: 0, width: 40, height: 20 }, { x: 100, y: 100, width: 40, height: 20 });
    assert.ok(onBorder(diagonal[0]!, { x: 0, y: 0, width: 40, height: 20 }, 0.1) && onBorder(diagonal[1]!, { x: 100, y: 100, width: 40, height: 20 }, 0.1));
  });

  test('a box fits its label, within bounds', () => {
    assert.equal(nodeWidth('a'), 90);
    assert.equal(nodeWidth('core/errors'), 11 * 7 + 20);
    assert.equal(nodeWidth('x'.repeat(200)), 320);
  });
});
