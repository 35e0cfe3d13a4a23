/**
 * The page's inline style and script as text: the script is valid JavaScript that needs nothing
 * from the network and never writes markup, and every state has its colour. What the script does
 * is checked in a real browser (test/cli/commands/report.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Script } from 'node:vm';
import { REPORT_CSS, REPORT_SCRIPT, STATE_COLOURS } from '../../../cli/format/report-assets.js';
import { COMPONENT_STATES } from '../../../core/report.js';
import { reportMessages } from '../../../core/messages/report.js';

test('the script is one valid ES2017 program', () => {
  assert.doesNotThrow(() => new Script(REPORT_SCRIPT, { filename: 'report-script.js' }));
  assert.match(REPORT_SCRIPT.trim(), /^\(function \(\) \{\n {2}'use strict';[\s\S]*\}\)\(\);$/);
  assert.doesNotMatch(REPORT_SCRIPT, /=>|`|\blet\b|\bconst\b|\.\.\./, 'no syntax an older browser would trip on');
});

test('the script fetches nothing and writes no markup', () => {
  assert.doesNotMatch(REPORT_SCRIPT, /\bfetch\(|XMLHttpRequest|import\(|\beval\(|new Function|innerHTML|outerHTML|insertAdjacentHTML|document\.write|\bsrc\b|WebSocket|sendBeacon/);
  assert.match(REPORT_SCRIPT, /textContent/);
});

test('the style loads nothing', () => {
  assert.doesNotMatch(REPORT_CSS, /url\(|@import|@font-face/);
});

test('every state has a colour and a sentence, in the order the report lists states', () => {
  assert.deepEqual(Object.keys(STATE_COLOURS), [...COMPONENT_STATES]);
  assert.deepEqual(Object.keys(reportMessages.states), [...COMPONENT_STATES]);
  for (const colour of Object.values(STATE_COLOURS)) assert.match(colour, /^#[0-9a-f]{6}$/);
  assert.equal(new Set(Object.values(STATE_COLOURS)).size, COMPONENT_STATES.length, 'no two states look alike');
});
