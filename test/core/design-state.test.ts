import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { designState } from '../../core/design-state.js';
import { designDigest } from '../../core/digest.js';

const path = 'docs/design/sessions/orchestrator.md';
const draft = '---\ntype: service\nstatus: draft\ndepends_on: [sessions/repository]\n---\n\n## Purpose\n\nRuns sessions.\n';

/** The document with an approval block recording `digest` (status and approval are outside the digest). */
function withApproval(text: string, digest: string): string {
  return text.replace('status: draft\n', `status: approved\napproval:\n  digest: ${digest}\n  by: [Jane Doe <jane@example.com>]\n  at: 2026-11-20T10:00:00Z\n`);
}

describe('designState', () => {
  test('no text is missing', () => {
    assert.deepEqual(designState(path, undefined), { state: 'missing' });
  });

  test('no approval block is draft, whatever status says', () => {
    const digest = designDigest(path, draft);
    assert.deepEqual(designState(path, draft), { state: 'draft', type: 'service', digest });
    assert.equal(designState(path, draft.replace('status: draft', 'status: approved')).state, 'draft');
    assert.equal(designState(path, draft.replace('status: draft\n', 'status: draft\napproval: null\n')).state, 'draft');
  });

  test('an approval whose digest matches is approved', () => {
    const digest = designDigest(path, draft);
    const approved = withApproval(draft, digest);
    assert.equal(designDigest(path, approved), digest, 'the approval block is outside the digest');
    assert.deepEqual(designState(path, approved), { state: 'approved', type: 'service', digest, approvedDigest: digest, claimsApproved: true });
  });

  test('status: approved without an approval block is a draft that claims approval', () => {
    const claimed = draft.replace('status: draft', 'status: approved');
    const result = designState(path, claimed);
    assert.equal(result.state, 'draft');
    assert.equal(result.claimsApproved, true);
    assert.equal(designState(path, draft).claimsApproved, undefined);
  });

  test('a CRLF checkout of an approved design is still approved', () => {
    const approved = withApproval(draft, designDigest(path, draft)).replace(/\n/g, '\r\n');
    assert.equal(designState(path, approved).state, 'approved');
  });

  test('an edit after approval makes it stale, with both digests', () => {
    const digest = designDigest(path, draft);
    const edited = withApproval(draft, digest).replace('Runs sessions.', 'Runs and resumes sessions.');
    const result = designState(path, edited);
    assert.equal(result.state, 'stale');
    assert.equal(result.approvedDigest, digest);
    assert.notEqual(result.digest, digest);
    assert.equal(result.digest, designDigest(path, edited));
  });

  test('the same approved text at another path is stale (an approval cannot be copied)', () => {
    const approved = withApproval(draft, designDigest(path, draft));
    assert.equal(designState('docs/design/other.md', approved).state, 'stale');
  });

  test('an approval without a digest, or with a wrong one, is stale', () => {
    const noDigest = draft.replace('status: draft\n', 'approval:\n  by: [Jane Doe <jane@example.com>]\n');
    const r = designState(path, noDigest);
    assert.equal(r.state, 'stale');
    assert.equal('approvedDigest' in r, false);
    assert.equal(designState(path, withApproval(draft, `sha256:${'0'.repeat(64)}`)).state, 'stale');
    assert.equal(designState(path, draft.replace('status: draft\n', 'approval: yes\n')).state, 'stale');
  });

  test('a broken frontmatter is invalid with located causes', () => {
    const broken = '---\ntype: service\ntype: module\n---\nbody\n';
    const r = designState(path, broken);
    assert.equal(r.state, 'invalid');
    assert.equal(r.digest, undefined);
    assert.ok(r.causes !== undefined && r.causes.length > 0);
    for (const c of r.causes) assert.equal(c.file, path);
    assert.equal(r.causes[0]?.line, 3);
  });

  test('no frontmatter at all is invalid', () => {
    const r = designState(path, '# Just a title\n');
    assert.equal(r.state, 'invalid');
    assert.equal(r.causes?.[0]?.file, path);
  });

  test('the type is reported only when it is a string', () => {
    assert.equal('type' in designState(path, draft.replace('type: service', 'type: [a, b]')), false);
    assert.equal('type' in designState(path, draft.replace('type: service\n', '')), false);
  });
});
