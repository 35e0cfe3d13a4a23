/**
 * The page as text: one self-contained document (inline style and script, no URL to fetch, a CSP
 * that forbids every request), repository text only inside the JSON block and unable to leave it.
 * How the page behaves in a browser is test/cli/commands/report.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { REPORT_CSP, escapeHtml, jsonForScript, renderReportHtml } from '../../../cli/format/report-html.js';
import { REPORT_SCRIPT } from '../../../cli/format/report-assets.js';
import type { ReportLayout } from '../../../cli/format/report-layout.js';
import type { ReportData } from '../../../core/report.js';

const hostile = '</script><script>alert(1)</script><!-- \u2028 & "\'';
const data: ReportData = {
  repository: `repo ${hostile}`,
  head: 'abc123',
  generatedAt: '2026-11-25T12:00:00.000Z',
  counts: { missing: 0, invalid: 0, draft: 1, unverified: 0, stale: 0, suspect: 0, untested: 0, approved: 0 },
  contexts: [{ id: 'core', name: 'core', purpose: hostile, owns: ['src/'], dependsOn: [], stories: [] }],
  components: [
    { id: `a${hostile}`, code: 'src/a.ts', design: 'docs/design/a.md', test: 'test/a.test.ts', codeExists: true, testExists: true, designState: 'draft', state: 'draft', suspect: false, context: 'core', stories: [], dependsOn: [], approvers: [] },
  ],
  edges: [],
  stories: [{ id: 'US-1', title: hostile, file: 'docs/stories/US-1.md' }],
  problems: [{ file: 'src/a.ts', ruleId: 'x', severity: 'error', message: hostile, fix: hostile }],
  approvers: [],
  notes: [hostile],
  baseline: { file: '.designgate/baseline.json', size: 7 },
};
const layout: ReportLayout = { width: 100, height: 100, groups: { core: { x: 0, y: 0, width: 100, height: 100 } }, nodes: { [`a${hostile}`]: { x: 10, y: 40, width: 80, height: 26 } }, edges: [] };
const html = renderReportHtml(data, layout);

describe('renderReportHtml', () => {
  test('one document: inline style and script, the data block, nothing to fetch', () => {
    assert.ok(html.startsWith('<!doctype html>\n<html lang="en">'));
    assert.equal(html.match(/<style>/g)?.length, 1);
    assert.equal(html.match(/<script\b/g)?.length, 2);
    assert.ok(html.includes(`<script>${REPORT_SCRIPT}</script>`));
    assert.doesNotMatch(html, /\b(src|href)\s*=/i, 'no attribute that loads anything');
    assert.doesNotMatch(html, /url\((?!#)|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">`));
    assert.match(REPORT_CSP, /^default-src 'none';/);
  });

  test('the summary shows the size of the adoption baseline', () => {
    assert.match(html, /<p id="baseline">adoption baseline: 7 files exempt until their design is written<\/p>/);
  });

  test('repository text cannot end the JSON block or start markup', () => {
    const block = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)![1]!;
    assert.doesNotMatch(block, /[<>\u2028\u2029]/);
    const payload = JSON.parse(block) as { data: ReportData; layout: ReportLayout; text: Record<string, unknown>; colours: Record<string, string> };
    assert.deepEqual(payload.data, data);
    assert.deepEqual(payload.layout, layout);
    assert.equal(html.split('</script>').length - 1, 2, 'only the two closing tags of our own scripts');
    // Outside the block the hostile text appears only escaped (the title).
    const outside = html.replace(block, '').replace(REPORT_SCRIPT, '');
    assert.ok(!outside.includes('<script>alert(1)'));
    assert.ok(outside.includes(escapeHtml(`designgate report: repo ${hostile}`)));
  });

  test('the page text and the colours travel in the block, so the script holds no prose', () => {
    const payload = JSON.parse(/id="report-data">(.*?)<\/script>/s.exec(html)![1]!) as { text: { states: Record<string, string>; controls: { showing: string } }; colours: Record<string, string> };
    assert.deepEqual(Object.keys(payload.text.states), Object.keys(data.counts));
    assert.deepEqual(Object.keys(payload.colours), Object.keys(data.counts));
    assert.equal(payload.text.controls.showing, '{shown} of {total} components');
  });

  test('the containers the script fills are there', () => {
    for (const id of ['legend', 'filter-context', 'filter-state', 'search', 'showing', 'graph', 'zoom-in', 'zoom-out', 'zoom-fit', 'details-body', 'matrix', 'matrix-empty', 'problems-body', 'problems-empty', 'approvers-body', 'approvers-empty', 'notes', 'notes-section']) {
      assert.match(html, new RegExp(`id="${id}"`), id);
      assert.ok(REPORT_SCRIPT.includes(`'${id}'`), `the script uses #${id}`);
    }
  });
});

describe('escaping', () => {
  test('escapeHtml turns the five markup characters into references', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });

  test('jsonForScript reads back as the same value', () => {
    const value = { s: hostile, n: [1, '</SCRIPT>', '\u2029'] };
    const text = jsonForScript(value);
    assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(text), value);
  });
});
