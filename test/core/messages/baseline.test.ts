import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baselineMessages as m } from '../../../core/messages/baseline.js';

/** Calls every message with placeholder arguments. */
function everyText(): Array<[string, string]> {
  return Object.entries(m).flatMap(([name, value]): Array<[string, string]> => {
    if (typeof value === 'string') return [[name, value]];
    if (typeof value === 'object') return Object.entries(value).map(([key, text]) => [`${name}.${key}`, text]);
    const args = name === 'grown' || name === 'grownFix' ? [['src/a.ts', 'src/b.ts'], '.designrc.json'] : name === 'adoptSummary' ? ['f', 1, 2, 3, false] : ['a', 2];
    return [[name, (value as (...a: unknown[]) => string)(...args)]];
  });
}

test('every message is one line', () => {
  for (const [name, text] of everyText()) {
    assert.ok(text.length > 0 && !text.includes('\n'), name);
  }
});

test('every fix names a command in backticks', () => {
  for (const [name, text] of everyText()) if (name.endsWith('Fix')) assert.match(text, /`[^`]+`/, name);
});

test('counts in the singular and the plural; the grown refusal names the entries and the first fix', () => {
  assert.equal(m.statusBaselined('b.json', 1), '1 code file baselined in b.json: exempt until their design is written (`designgate new <code-path>`)');
  assert.match(m.reportSize(2), /^adoption baseline: 2 files/);
  assert.match(m.adoptSummary('b.json', 1, 0, 1, true), /^would update b\.json: 1 added, 0 removed, 1 file baselined$/);
  assert.match(m.grown(['src/a.ts'], '.designrc.json'), /grows by 1 entry \(src\/a\.ts\).*may only shrink/);
  assert.match(m.grownFix(['src/a.ts']), /`designgate new src\/a\.ts`/);
});
