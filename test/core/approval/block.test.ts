import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { approverKeys, readApprovalBlock } from '../../../core/approval/block.js';

const D = `sha256:${'a'.repeat(64)}`;

describe('readApprovalBlock', () => {
  test('no block, or a null block, is none', () => {
    assert.deepEqual(readApprovalBlock({ type: 'module' }), { kind: 'none' });
    assert.deepEqual(readApprovalBlock({ approval: null }), { kind: 'none' });
  });

  test('a well-formed block', () => {
    const read = readApprovalBlock({ approval: { digest: D, by: ['Jane Doe <jane@x.org>', 'Bob <BOB@x.org>'], at: '2026-11-20T10:00:00Z' } });
    assert.equal(read.kind, 'ok');
    if (read.kind !== 'ok') return;
    assert.deepEqual(read.block.by, [
      { name: 'Jane Doe', email: 'jane@x.org' },
      { name: 'Bob', email: 'BOB@x.org' },
    ]);
    assert.equal(read.block.at, '2026-11-20T10:00:00Z');
    assert.deepEqual(approverKeys(read.block), ['jane@x.org', 'bob@x.org']);
  });

  test('at is optional; duplicates of one person count once', () => {
    const read = readApprovalBlock({ approval: { digest: D, by: ['Bob <bob@x.org>', 'Robert <Bob@X.org>'] } });
    assert.equal(read.kind, 'ok');
    if (read.kind === 'ok') assert.deepEqual(approverKeys(read.block), ['bob@x.org']);
  });

  test('context is optional and, when present, a digest', () => {
    const C = `sha256:${'c'.repeat(64)}`;
    const read = readApprovalBlock({ approval: { digest: D, by: ['A <a@x.org>'], at: '2026-11-20T10:00:00Z', context: C } });
    assert.equal(read.kind, 'ok');
    if (read.kind === 'ok') assert.equal(read.block.context, C);
    const without = readApprovalBlock({ approval: { digest: D, by: ['A <a@x.org>'] } });
    assert.ok(without.kind === 'ok' && !('context' in without.block));
  });

  const malformed: Array<[string, unknown, RegExp, string[]]> = [
    ['a list', ['x'], /must be a mapping/, ['approval']],
    ['a string', 'approved', /must be a mapping/, ['approval']],
    ['an unknown key', { digest: D, by: ['A <a@x.org>'], signedBy: 'me' }, /unknown key 'signedBy'/, ['approval', 'signedBy']],
    ['no digest', { by: ['A <a@x.org>'] }, /approval\.digest must be sha256/, ['approval', 'digest']],
    ['an upper-case digest', { digest: D.toUpperCase(), by: ['A <a@x.org>'] }, /approval\.digest/, ['approval', 'digest']],
    ['by as a string', { digest: D, by: 'A <a@x.org>' }, /non-empty list/, ['approval', 'by']],
    ['an empty by', { digest: D, by: [] }, /non-empty list/, ['approval', 'by']],
    ['an entry without an email', { digest: D, by: ['Jane'] }, /"Jane" is not of the form/, ['approval', 'by', '0']],
    ['a number in by', { digest: D, by: [7] }, /"7" is not of the form/, ['approval', 'by', '0']],
    ['at as a number', { digest: D, by: ['A <a@x.org>'], at: 2026 }, /approval\.at must be/, ['approval', 'at']],
    ['a context that is no digest', { digest: D, by: ['A <a@x.org>'], context: 'core' }, /approval\.context must be sha256/, ['approval', 'context']],
  ];
  for (const [what, value, message, path] of malformed) {
    test(`malformed: ${what}`, () => {
      const read = readApprovalBlock({ approval: value });
      assert.equal(read.kind, 'malformed');
      if (read.kind !== 'malformed') return;
      assert.match(read.message, message);
      assert.deepEqual(read.path, path);
    });
  }
});
