import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { approvalMessages as m } from '../../../core/messages/approval.js';

const OID = '0123456789abcdef0123456789abcdef01234567';

describe('approval messages', () => {
  test('every sentence is one line of text, and the builders put their arguments in', () => {
    for (const [key, value] of Object.entries(m)) {
      const text = typeof value === 'function' ? (value as (...a: unknown[]) => string)(OID, 'docs/design/a.md', 'bob@x.org', 2) : value;
      assert.equal(typeof text, 'string', key);
      assert.ok(text.length > 10, key);
      assert.ok(!text.includes('\n'), `${key} is one line`);
      assert.ok(!text.endsWith('.'), `${key} has no final period`);
    }
  });

  test('commit ids are shortened to 12 characters', () => {
    assert.equal(m.unsigned(OID), 'approval commit 0123456789ab is not signed, and signedApprovals is on');
    assert.match(m.withdrawn('bob@x.org', OID), /withdrawn in 0123456789ab and put back/);
  });

  test('a stale approval shows both digests and the fix names the command', () => {
    const text = m.stale(`sha256:${'9'.repeat(64)}`, `sha256:${'5'.repeat(64)}`);
    assert.equal(text, `stale: the design changed since it was approved (digest sha256:555555555555… ≠ recorded sha256:999999999999…)`);
    assert.equal(m.approveFix('docs/design/a.md'), 'run `designgate approve docs/design/a.md` (an approver for this path)');
  });

  test('fixes name a command or an edit', () => {
    assert.match(m.signatureFix('d.md'), /git config user\.signingkey.*git config gpg\.format ssh.*designgate approve d\.md/);
    assert.match(m.noSigningKeyFix, /git config gpg\.format ssh/);
    assert.match(m.missingTrailerFix('d.md'), /designgate approve d\.md.*squash merge/);
    assert.match(m.noEvidenceShallowFix, /git fetch --unshallow.*fetch-depth: 0/);
    assert.match(m.trustRootMissingFix('.designrc.json'), /commit \.designrc\.json to the protected branch/);
    assert.match(m.tooFew(1, 2), /^1\/2 approvals/);
    assert.match(m.tooFewFix('d.md', 1), /ask an approver/);
    assert.match(m.tooFewFix('d.md', 2), /ask more approvers/);
  });
});
