import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../lint-rules/approval-consistency.js';
import { design, lintWith, run } from './helpers.js';

const approval = `approval:\n  digest: sha256:${'a'.repeat(64)}\n  by: [Jane <jane@example.com>]\n  at: 2026-11-20T10:00:00Z`;

describe('approval-consistency', () => {
  test('draft without approval and approved with approval pass', async () => {
    assert.deepEqual(await lintWith(rule, {}, design('type: module\nstatus: draft')), []);
    assert.deepEqual(await lintWith(rule, {}, design(`type: module\nstatus: approved\n${approval}`)), []);
  });

  test('`status: approved` without an approval: on the status value, `draft` as the fix, naming the command', async () => {
    const file = await run([[rule, ['error', {}]]], design('type: module\nstatus: approved'), 'docs/design/x.md');
    assert.deepEqual(file.messages.map((m) => [m.reason, m.place, m.expected]), [
      [
        'Unexpected `status: approved` without an approval block, expected `status: draft` until `designgate approve docs/design/x.md` approves it',
        { start: { line: 3, column: 9 }, end: { line: 3, column: 17 } },
        ['draft'],
      ],
    ]);
  });

  test('an approval on `status: draft`: `approved` as the fix, naming unapprove', async () => {
    const file = await run([[rule, ['error', {}]]], design(`type: module\nstatus: draft\n${approval}`), 'docs/design/x.md');
    assert.deepEqual(file.messages.map((m) => [m.reason, m.line, m.column, m.expected]), [
      [
        'Unexpected approval block with `status: draft`, expected `status: approved` (or `designgate unapprove docs/design/x.md` to withdraw it)',
        3,
        9,
        ['approved'],
      ],
    ]);
  });

  test('an empty approval (`approval:`) counts as none; a quoted status is located over its quotes', async () => {
    assert.deepEqual(await lintWith(rule, {}, design('type: module\nstatus: draft\napproval:')), []);
    assert.deepEqual(await lintWith(rule, {}, design('type: module\nstatus: "approved"'), 'docs/design/x.md'), [
      '3:9-3:19: Unexpected `status: approved` without an approval block, expected `status: draft` until `designgate approve docs/design/x.md` approves it',
    ]);
  });

  test('the architecture is held to the same; stories and unreadable frontmatter are not judged', async () => {
    const options = { components: [], architecture: 'docs/architecture.md', stories: 'docs/stories/*.md' };
    assert.equal((await lintWith(rule, options, design('status: approved'), 'docs/architecture.md')).length, 1);
    assert.deepEqual(await lintWith(rule, options, design('status: approved'), 'docs/stories/US-1.md'), []);
    assert.deepEqual(await lintWith(rule, {}, '---\nstatus: approved\nstatus: approved\n---\n'), []);
  });
});
