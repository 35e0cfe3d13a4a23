import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { lintMessages as m } from '../../../core/messages/lint.js';

/** The rule sentences: everything but the kinds and the `designgate lint` / preset lines. */
const ruleKeys = Object.keys(m).filter((k) => !k.startsWith('kind') && !/^(lint|nothing|noSuch|ungoverned|preset)/.test(k));

/** Calls a message with an argument that serves as text and as a list (`['a', 'b']` prints as `a,b`). */
function sample(key: string): string {
  const value = m[key as keyof typeof m] as string | ((...args: never[]) => string);
  if (typeof value === 'string') return value;
  return value(...(Array.from({ length: value.length }, () => ['a', 'b']) as never[]));
}

describe('lintMessages', () => {
  test('every rule message reads "Unexpected X, expected Y" on one line', () => {
    assert.ok(ruleKeys.length > 25);
    for (const key of ruleKeys) {
      const text = sample(key);
      assert.match(text, /^Unexpected .+, expected .+/, key);
      assert.ok(!text.includes('\n'), key);
    }
  });

  test('lists are code-quoted, with "or" before the last alternative', () => {
    assert.equal(m.unknownType('widget', ['module']), 'Unexpected component type `widget`, expected `module`');
    assert.equal(m.unknownType('widget', ['module', 'ui', 'cli']), 'Unexpected component type `widget`, expected `module`, `ui` or `cli`');
    assert.equal(
      m.missingSection('Dependencies', ['Purpose', 'Dependencies']),
      'Unexpected missing section `## Dependencies`, expected the sections `Purpose`, `Dependencies` in this order',
    );
  });

  test('fixes name the command: approve for a stale digest, unapprove for an approval on a draft', () => {
    assert.equal(
      m.staleDigest(`sha256:${'0'.repeat(64)}`, 'docs/design/a.md'),
      `Unexpected stale approval digest, expected sha256:${'0'.repeat(64)} — run \`designgate approve docs/design/a.md\` to re-approve`,
    );
    assert.match(m.approvalOnDraft('docs/design/a.md'), /`designgate unapprove docs\/design\/a\.md`/);
    assert.match(m.approvedWithoutApproval('docs/design/a.md'), /`designgate approve docs\/design\/a\.md`/);
  });

  test('suggestions appear only when there is one', () => {
    assert.equal(m.unknownStory('US-9', undefined), 'Unexpected unknown story `US-9`, expected the id of a story that exists');
    assert.equal(m.unknownStory('us-1', 'US-1'), 'Unexpected unknown story `us-1`, expected `US-1`');
    assert.equal(m.emptySection('Purpose', undefined), 'Unexpected empty section `## Purpose`, expected its content');
  });

  test('the command\'s own lines end with a newline and count documents', () => {
    assert.equal(m.nothingToLint, 'lint: no design documents to lint\n');
    assert.equal(m.lintPassed(1), 'lint: 1 document checked, no problems\n');
    assert.equal(m.lintSummary(2, '1 error, 0 warnings'), 'lint: 2 documents checked, 1 error, 0 warnings\n');
  });
});
