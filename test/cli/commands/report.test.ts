/**
 * `designgate report` end to end: the built bin writes the page, and a real headless Chromium
 * (from npm: @sparticuz/chromium driven by playwright-core) opens it from a file with no network.
 * The graph and the matrix show the expected nodes, states and marks; filtering by context, state
 * and search works; the page stays usable at 500 components; screenshots go to
 * dist/test-output/report/ (git ignores dist/).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { makeRepo, makeTempDir, projectRoot, runCli, type TempRepo } from '../../helpers/repo.js';
import { generatedReportTree, smallReportTree } from '../../helpers/report-project.js';
import { openChromium, type TestBrowser } from '../../helpers/browser.js';
import { STATE_COLOURS } from '../../../cli/format/report-assets.js';
import type { ReportData } from '../../../core/report.js';

// Globals of the page: the callbacks below run there, and this project compiles without the DOM library.
declare function getComputedStyle(element: unknown): { fill: string; stroke: string; strokeDasharray: string; display: string; backgroundColor: string };
declare const document: { querySelectorAll(selector: string): Iterable<{ textContent: string | null }> };

const output = join(projectRoot, 'dist/test-output/report');
mkdirSync(output, { recursive: true });

let chrome: TestBrowser;
const repos: TempRepo[] = [];
before(async () => {
  chrome = await openChromium();
});
after(async () => {
  await chrome.close();
  repos.forEach((r) => r.cleanup());
});

function repo(tree: Parameters<typeof makeRepo>[0]): TempRepo {
  const r = makeRepo(tree);
  repos.push(r);
  return r;
}

/** Writes the report with the built bin; returns the page file. */
function writeReport(r: TempRepo, name = 'report.html'): string {
  const result = runCli(['report', '--html', name], { cwd: r.dir });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '');
  assert.match(result.stdout, new RegExp(`^wrote ${name.replace('.', '\\.')}: \\d+ components?, \\d+ KiB, no network needed to view it\\n$`));
  return join(r.dir, name);
}

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  readyMs: number;
}

/** Opens the page from its file; collects script errors and every request it makes. */
async function open(file: string, viewport = { width: 1400, height: 1000 }): Promise<Opened> {
  const page = await chrome.browser.newPage({ viewport });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('request', (r) => requests.push(r.url()));
  const started = performance.now();
  await page.goto(`file://${file}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return { page, errors, requests, readyMs: performance.now() - started };
}

const showing = (page: Page) => page.textContent('#showing');
const visibleRows = (page: Page) => page.$$eval('#matrix tbody tr', (rows) => rows.filter((r) => !r.classList.contains('hidden')).map((r) => r.getAttribute('data-id')));
const litNodes = (page: Page) => page.$$eval('#graph .node', (nodes) => nodes.filter((n) => !n.classList.contains('dim')).map((n) => n.getAttribute('data-id')));

/** `#rrggbb` as getComputedStyle writes it. */
function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
}

describe('designgate report --html, in headless Chromium', () => {
  test('the small repository: graph, states, forbidden edge, matrix, problems, filters; a screenshot', async () => {
    const r = repo(smallReportTree());
    // A file name that is markup: it must show as text, never become an element.
    r.commit({ 'src/core/<b>bold</b>.ts': 'export {};\n' }, 'a hostile name');
    const file = writeReport(r);
    const { page, errors, requests } = await open(file);
    try {
      assert.deepEqual(errors, []);
      assert.deepEqual(requests, [`file://${file}`], 'the page loads nothing but itself');

      // The graph: one node per component, coloured by its state, inside its context.
      const nodes = await page.$$eval('#graph .node', (els) =>
        els.map((n) => ({ id: n.getAttribute('data-id'), state: n.getAttribute('data-state'), fill: getComputedStyle(n.querySelector('rect')!).fill, text: n.querySelector('text')!.textContent })),
      );
      const states = Object.fromEntries(nodes.map((n) => [n.id, n.state]));
      assert.deepEqual(states, {
        'api/handler': 'approved',
        'api/missing': 'missing',
        'core/<b>bold</b>': 'missing',
        'core/approved': 'approved',
        'core/draft': 'draft',
        'core/invalid': 'invalid',
        'core/leaky': 'draft',
        'core/stale': 'stale',
        'core/suspect': 'suspect',
        'core/untested': 'untested',
        'tools/orphan': 'draft',
      });
      for (const n of nodes) assert.equal(n.fill, rgb(STATE_COLOURS[n.state!]!), n.id!);
      assert.equal(await page.$('b'), null, 'a name is never markup');
      assert.ok(nodes.some((n) => n.text === 'core/<b>bold</b>'));
      assert.deepEqual(await page.$$eval('#graph .context', (els) => els.map((g) => g.getAttribute('data-context'))), ['core', 'api', '(no context)']);
      const inside = await page.$$eval('#graph .node', (els) =>
        els.every((n) => {
          const box = (n as unknown as { getBBox(): { width: number; height: number } }).getBBox();
          return box.width > 0 && box.height > 0;
        }),
      );
      assert.ok(inside);

      // Edges: the allowed one dashed, the forbidden one drawn in red.
      const allowed = await page.$eval('#graph path.edge.allowed[data-from="api"][data-to="core"]', (p) => getComputedStyle(p).strokeDasharray);
      assert.notEqual(allowed, 'none');
      const forbidden = await page.$eval('#graph path.edge.forbidden[data-from="core/leaky"][data-to="api/handler"]', (p) => ({ display: getComputedStyle(p).display, stroke: getComputedStyle(p).stroke }));
      assert.deepEqual(forbidden, { display: 'inline', stroke: 'rgb(208, 0, 0)' });

      // The matrix: stories as columns (the unknown one marked), components as rows, marks coloured by state.
      assert.deepEqual(await page.$$eval('#matrix thead th.story', (ths) => ths.map((t) => `${t.textContent}${t.classList.contains('unknown') ? '?' : ''}`)), ['US-1', 'US-2', 'US-3', 'US-9?']);
      const cell = (id: string, story: string) =>
        page.$eval(`#matrix tbody tr[data-id="${id}"]`, (tr, s) => {
          const stories = [...document.querySelectorAll('#matrix thead th.story')].map((t) => t.textContent);
          const td = tr.querySelectorAll('td')[3 + stories.indexOf(s)]!;
          const mark = td.querySelector('.mark');
          return { mark: td.getAttribute('data-mark'), colour: mark === null ? null : getComputedStyle(mark).backgroundColor };
        }, story);
      assert.deepEqual(await cell('core/approved', 'US-1'), { mark: 'declared', colour: rgb(STATE_COLOURS['approved']!) });
      assert.deepEqual(await cell('core/stale', 'US-2'), { mark: 'declared', colour: rgb(STATE_COLOURS['stale']!) });
      assert.equal((await cell('core/draft', 'US-3')).mark, 'context', 'core serves US-3, so its components do through it');
      assert.deepEqual(await cell('api/handler', 'US-2'), { mark: null, colour: null });
      assert.equal((await cell('tools/orphan', 'US-9')).mark, 'declared');

      // Problems with their fixes.
      const problems = await page.$$eval('#problems-body tr', (rows) => rows.map((tr) => ({ rule: tr.getAttribute('data-rule'), fix: tr.querySelector('td:last-child code')?.textContent ?? '' })));
      assert.ok(problems.some((p) => p.rule === 'forbidden-dependency' && p.fix.length > 0));
      assert.ok(problems.some((p) => p.rule === 'missing-design' && p.fix.includes('designgate new src/api/missing.ts')));
      assert.deepEqual(await page.$$eval('#approvers-body td', (tds) => tds.slice(0, 2).map((t) => t.textContent)), ['Jane Doe', 'jane@example.com']);

      // Filters: context, then state, then search; each narrows the graph and the matrix alike.
      assert.equal(await showing(page), '11 of 11 components');
      await page.selectOption('#filter-context', 'api');
      assert.equal(await showing(page), '2 of 11 components');
      assert.deepEqual(await litNodes(page), ['api/handler', 'api/missing']);
      assert.deepEqual(await visibleRows(page), ['api/handler', 'api/missing']);
      assert.equal(await page.$eval('#graph .context[data-context="core"]', (g) => g.classList.contains('dim')), true);
      await page.selectOption('#filter-context', '');
      await page.selectOption('#filter-state', 'stale');
      assert.deepEqual(await visibleRows(page), ['core/stale']);
      await page.selectOption('#filter-state', '');
      await page.fill('#search', 'LEAKY');
      assert.deepEqual(await litNodes(page), ['core/leaky']);
      assert.deepEqual(await page.$$eval('#problems-body tr:not(.hidden)', (rows) => rows.map((r) => r.getAttribute('data-rule'))), ['forbidden-dependency']);
      await page.fill('#search', 'US-2');
      assert.deepEqual(await visibleRows(page), ['core/draft', 'core/stale']);
      await page.fill('#search', '');
      // The legend doubles as a state filter.
      await page.click('#legend button[data-state="approved"]');
      assert.deepEqual(await visibleRows(page), ['api/handler', 'core/approved']);
      assert.equal(await page.$eval('#legend button[data-state="approved"]', (b) => b.getAttribute('aria-pressed')), 'true');
      await page.click('#legend button[data-state="approved"]');
      assert.equal(await showing(page), '11 of 11 components');

      // Selecting a component shows its details and lights its dependencies.
      await page.click('#graph .node[data-id="core/leaky"]');
      const details = await page.textContent('#details-body');
      assert.match(details ?? '', /core\/leaky/);
      assert.match(details ?? '', /docs\/design\/core\/leaky\.md/);
      assert.match(details ?? '', /api\/handler/);
      assert.equal(await page.$eval('#graph path.edge.forbidden[data-from="core/leaky"]', (p) => p.classList.contains('related')), true);

      const shot = join(output, 'small.png');
      await page.screenshot({ path: shot, fullPage: true });
      assert.ok(statSync(shot).size > 10_000);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('500 components: ready within seconds, every node drawn, filters narrow it to a context; a screenshot', async () => {
    const r = repo(generatedReportTree({ contexts: 10, perContext: 50, stories: 30 }));
    const started = performance.now();
    const file = writeReport(r);
    const writeMs = performance.now() - started;
    const { page, errors, readyMs } = await open(file);
    try {
      assert.deepEqual(errors, []);
      assert.ok(writeMs < 30_000, `report took ${Math.round(writeMs)} ms`);
      assert.ok(readyMs < 10_000, `page took ${Math.round(readyMs)} ms`);
      assert.equal(await page.$$eval('#graph .node', (n) => n.length), 500);
      assert.equal(await page.$$eval('#matrix tbody tr', (n) => n.length), 500);
      assert.equal(await page.$$eval('#matrix thead th.story', (n) => n.length), 30);
      assert.equal(await page.$$eval('#graph path.edge.forbidden', (n) => n.length), 9);
      assert.equal(await showing(page), '500 of 500 components');

      await page.selectOption('#filter-context', 'c3');
      assert.equal(await showing(page), '50 of 500 components');
      assert.ok((await litNodes(page)).every((id) => id!.startsWith('c3/')));
      // Filtering zooms the graph onto what is left: the view is the c3 group, not the whole drawing.
      const zoomed = await page.$eval('#graph', (svg) => svg.getAttribute('viewBox')!.split(' ').map(Number));
      const group = await page.$eval('#graph .context[data-context="c3"] rect', (r) => [Number(r.getAttribute('width')), Number(r.getAttribute('height'))]);
      assert.ok(zoomed[2]! <= group[0]! + 100 && zoomed[3]! <= group[1]! + 100, `${zoomed} vs ${group}`);
      const shot = join(output, 'large-c3.png');
      await page.screenshot({ path: shot });

      await page.fill('#search', 'c3/m1');
      assert.equal(await showing(page), '11 of 500 components');
      await page.selectOption('#filter-context', '');
      await page.fill('#search', '');
      await page.selectOption('#filter-state', 'stale');
      assert.equal(await showing(page), '50 of 500 components');
      await page.selectOption('#filter-state', '');
      await page.click('#zoom-fit');
      await page.screenshot({ path: join(output, 'large.png') });
      assert.ok(statSync(shot).size > 10_000);
    } finally {
      await page.close();
    }
  });
});

describe('designgate report --json and its refusals', () => {
  test('--json prints the data the page carries', () => {
    const r = repo(smallReportTree());
    const result = runCli(['report', '--json', '--html', 'out/report.html'], { cwd: r.dir });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /^wrote out\/report\.html: 10 components/);
    const data = JSON.parse(result.stdout) as ReportData;
    const html = readFileSync(join(r.dir, 'out/report.html'), 'utf8');
    const embedded = JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)![1]!) as { data: ReportData };
    assert.deepEqual(embedded.data, data);
    assert.equal(data.components.length, 10);
  });

  test('--json alone writes no file', () => {
    const r = repo(smallReportTree());
    const result = runCli(['report', '--json'], { cwd: r.dir });
    assert.equal(result.status, 0);
    assert.equal((JSON.parse(result.stdout) as ReportData).counts.approved, 2);
    assert.equal(r.git('status', '--porcelain'), '');
  });

  test('no output, a path argument, an unwritable file: exit 2 with the fix', () => {
    const r = repo(smallReportTree());
    const none = runCli(['report'], { cwd: r.dir });
    assert.deepEqual([none.status, none.stderr], [2, 'designgate: report needs somewhere to write: --html <file>, --json, or both\n  fix: run `designgate report --html designgate-report.html` (or `--json` for the data)\n']);
    const paths = runCli(['report', 'src', '--json'], { cwd: r.dir });
    assert.equal(paths.status, 2);
    assert.match(paths.stderr, /report takes no paths/);
    const blocker = makeTempDir();
    writeFileSync(join(blocker, 'file'), '');
    const unwritable = runCli(['report', '--html', join(blocker, 'file/report.html')], { cwd: r.dir });
    assert.equal(unwritable.status, 2);
    assert.match(unwritable.stderr, /^designgate: cannot write .*file\/report\.html: (ENOTDIR|EEXIST)\n {2}fix: /);
  });
});
