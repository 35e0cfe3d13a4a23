import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { designOwners, renderEscalation, type EscalationInput } from '../../generators/escalation.js';

const input: EscalationInput = {
  sessionId: '20260101-000000-code-abcdef',
  designPath: 'docs/design/add.md',
  digest: 'sha256:ab',
  codePath: 'src/add.mjs',
  testPath: 'test/add.test.mjs',
  testsLocked: true,
  model: 'm',
  host: 'http://127.0.0.1:11434',
  options: { seed: 7 },
  owners: ['Jane Doe <jane@example.com>'],
  restored: true,
  restoreProblems: [],
  attempts: [
    { attempt: 1, failedAt: 'check', reasons: ['the answer is not JSON'], diffs: [] },
    { attempt: 2, failedAt: 'test', reasons: ['the tests failed (exit code 1)'], diffs: [{ path: 'src/add.mjs', diff: '--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b ```` fence\n' }], testOutput: 'not ok 1 \u001b[31mred\u001b[0m\n' },
  ],
};

describe('renderEscalation (E13, F14, F17)', () => {
  const report = renderEscalation(input);
  test('what failed in each attempt, the owners, the files, and that the tree is restored', () => {
    assert.match(report, /^# Session 20260101-000000-code-abcdef handed back to a person\n/);
    assert.match(report, /Owners \(approvers for this design\): Jane Doe <jane@example\.com>/);
    assert.match(report, /Files: `src\/add\.mjs`, `test\/add\.test\.mjs` \(locked\)/);
    assert.match(report, /## Attempt 1: failed at check\n\n- the answer is not JSON/);
    assert.match(report, /## Attempt 2: failed at test/);
    assert.match(report, /The work tree was restored/);
    assert.match(report, /## What to do next/);
  });
  test('model and test text is fenced longer than any fence inside it, and has no escapes', () => {
    assert.match(report, /`````diff\n--- a\/x/);
    assert.match(report, /not ok 1 red\n/);
    assert.doesNotMatch(report, /\u001b/);
  });
  test('restore problems are reported instead', () => {
    assert.match(renderEscalation({ ...input, restored: false, restoreProblems: ['src/add.mjs: EPERM'] }), /Some files could not be restored: src\/add\.mjs: EPERM/);
  });
});

describe('designOwners', () => {
  test('the approvers whose paths cover the design', () => {
    const approvers = [
      { name: 'A', email: 'a@x.io', keys: [], paths: ['docs/design/core/**'] },
      { name: 'B', email: 'b@x.io', keys: [], paths: [] },
    ];
    assert.deepEqual(designOwners(approvers, 'docs/design/core/a.md'), ['A <a@x.io>', 'B <b@x.io>']);
    assert.deepEqual(designOwners(approvers, 'docs/design/cli/a.md'), ['B <b@x.io>']);
  });
});
