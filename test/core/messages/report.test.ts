import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportMessages as m } from '../../../core/messages/report.js';
import { COMPONENT_STATES } from '../../../core/report.js';

test('command causes are one line without a full stop; fixes name a command', () => {
  for (const text of [m.needsOutput, m.noPositionals, m.writeFailed('a.html', 'EACCES'), m.unsignedApprovals('.designrc.json'), m.noArchitecture('.designrc.json', 'docs/architecture.md'), m.architectureState('docs/architecture.md', 'stale')]) {
    assert.ok(!text.includes('\n') && !text.endsWith('.'), text);
  }
  assert.match(m.needsOutputFix, /`designgate report --html designgate-report\.html`/);
  assert.match(m.noPositionalsFix, /`designgate report --html <file>`/);
});

test('the written line counts components and size, singular and plural', () => {
  assert.equal(m.written('r.html', 1, 35), 'wrote r.html: 1 component, 35 KiB, no network needed to view it\n');
  assert.equal(m.written('r.html', 500, 529), 'wrote r.html: 500 components, 529 KiB, no network needed to view it\n');
});

test('every state is explained, starting with its name', () => {
  assert.deepEqual(Object.keys(m.states), [...COMPONENT_STATES]);
  for (const [state, text] of Object.entries(m.states)) assert.ok(text.startsWith(state), text);
});

test('the page sentences', () => {
  assert.equal(m.title('shop'), 'designgate report: shop');
  assert.equal(m.generated('2026-11-25T12:00:00.000Z', 'abc'), 'generated 2026-11-25T12:00:00.000Z at commit abc');
  assert.equal(m.generated('2026-11-25T12:00:00.000Z', undefined), 'generated 2026-11-25T12:00:00.000Z');
  assert.match(m.controls.showing, /\{shown\}.*\{total\}/);
  assert.match(m.noStories, /`designgate new story <id> <title…>`/);
});
