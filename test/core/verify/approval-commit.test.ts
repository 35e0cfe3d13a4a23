/** The rules for one commit that adds or changes approvals, on texts (a pure function). */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { factsOf } from '../../../core/approval/evidence.js';
import { addedApprovers, checkApprovalCommit, type DesignEdit } from '../../../core/verify/approval-commit.js';
import { approve, bob, draft, mallory } from '../../hooks/fixtures/gate-repo.js';

const D = 'docs/design/a.md';
const trailer = 'Approved-by: Bob Approver <bob@example.com>';
const edit = (before: string | undefined, after: string | undefined, gate: DesignEdit['gate'] = 'error'): DesignEdit => ({ path: D, before, after, gate });

function run(message: string, edits: DesignEdit[], options: { committer?: string; other?: string[]; messageGate?: DesignEdit['gate']; amendable?: string[] } = {}) {
  return checkApprovalCommit({
    message,
    messageFile: '.git/COMMIT_EDITMSG',
    committerEmail: options.committer ?? bob.email,
    designEdits: edits,
    otherPaths: options.other ?? [],
    messageGate: options.messageGate ?? 'error',
    ...(options.amendable === undefined ? {} : { amendable: options.amendable }),
  }).map((p) => `${p.file} ${p.ruleId} ${p.severity}`);
}

describe('checkApprovalCommit', () => {
  test('a narrow approval by its committer with the trailer: nothing to report', () => {
    assert.deepEqual(run(`Approve a\n\n${trailer}\n`, [edit(draft(), approve(D, draft()))]), []);
  });

  test('the committer matches case-insensitively; a missing trailer and a different committer are each reported', () => {
    assert.deepEqual(run(`Approve\n\n${trailer}`, [edit(draft(), approve(D, draft()))], { committer: 'BOB@example.com' }), []);
    assert.deepEqual(run('Approve a', [edit(draft(), approve(D, draft()))], { committer: 'alice@example.com' }), [
      `${D} approval-missing-trailer error`,
      `${D} approval-not-committer error`,
    ]);
  });

  test('an approval with a content edit, a new design, or another file is not narrow', () => {
    assert.deepEqual(run(`A\n\n${trailer}`, [edit(draft(), approve(D, draft('changed')))]), [`${D} approval-commit-not-narrow error`]);
    assert.deepEqual(run(`A\n\n${trailer}`, [edit(undefined, approve(D, draft()))]), [`${D} approval-commit-not-narrow error`]);
    assert.deepEqual(run(`A\n\n${trailer}`, [edit(draft(), approve(D, draft()))], { other: ['src/a.ts'] }), ['src/a.ts approval-commit-not-narrow error']);
  });

  test('edits that add no approver need nothing: withdrawing, editing a draft, touching status', () => {
    assert.deepEqual(run('Unapprove', [edit(approve(D, draft()), draft())]), []);
    assert.deepEqual(run('Edit', [edit(draft(), draft('new text'))], { other: ['src/a.ts'] }), []);
    const approved = approve(D, draft());
    assert.deepEqual(run('Reformat', [edit(approved, approved.replace('status: approved', 'status: approved # yes'))]), []);
  });

  test('adding a second approver to an existing approval needs only the new trailer', () => {
    const one = approve(D, draft(), [bob]);
    const two = approve(D, draft(), [bob, mallory]);
    assert.deepEqual(run('Second\n\nApproved-by: Mallory Forger <mallory@example.com>', [edit(one, two)], { committer: mallory.email }), []);
  });

  test('trailers that approve nothing, or cannot be read, are reported on the message', () => {
    assert.deepEqual(run(`Readme\n\n${trailer}`, []), ['.git/COMMIT_EDITMSG approval-trailer-unused error']);
    assert.deepEqual(run('Readme\n\nApproved-by: bob', []), ['.git/COMMIT_EDITMSG approval-trailer-malformed error']);
    assert.deepEqual(run(`Readme\n\n${trailer}`, [], { messageGate: 'warn' }), ['.git/COMMIT_EDITMSG approval-trailer-unused warning']);
    assert.deepEqual(run(`Readme\n\n${trailer}`, [], { messageGate: 'off' }), []);
  });

  test('approve --confirm: only approval.context changes; the confirmer\'s trailer is used, and the commit must stay narrow', () => {
    const withContext = (text: string, hex: string) => text.replace(/^(  digest: .*)$/m, `$1\n  context: sha256:${hex.repeat(64)}`);
    const approved = approve(D, draft());
    const before = withContext(approved, 'a');
    const after = withContext(approved, 'b');
    assert.notEqual(before, after);
    assert.deepEqual(run(`Confirm a\n\n${trailer}\n`, [edit(before, after)]), []);
    // Recording a context for the first time is a confirmation too.
    assert.deepEqual(run(`Confirm a\n\n${trailer}\n`, [edit(approved, after)]), []);
    assert.deepEqual(run(`Confirm a\n\n${trailer}\n`, [edit(before, after)], { other: ['src/a.ts'] }), ['src/a.ts approval-commit-not-narrow error']);
    // Only the committer confirms: someone else's trailer on it still approves nothing.
    const other = 'Approved-by: Mallory <mallory@example.com>';
    assert.deepEqual(run(`Confirm a\n\n${trailer}\n${other}\n`, [edit(before, after)]), ['.git/COMMIT_EDITMSG approval-trailer-unused error']);
  });

  test('a trailer for an approver the previous commit added (an amend adding its trailer) is not unused', () => {
    assert.deepEqual(run(`Approve a\n\n${trailer}`, [], { amendable: ['bob@example.com'] }), []);
    assert.deepEqual(run(`Approve a\n\n${trailer}`, [], { amendable: ['mallory@example.com'] }), ['.git/COMMIT_EDITMSG approval-trailer-unused error']);
  });

  test("a design under gates.approval 'off' is not checked; 'warn' reports warnings", () => {
    assert.deepEqual(run('A', [edit(draft(), approve(D, draft()), 'off')], { messageGate: 'off' }), []);
    assert.deepEqual(run('A', [edit(draft(), approve(D, draft()), 'warn')], { messageGate: 'warn' }), [`${D} approval-missing-trailer warning`]);
  });
});

describe('addedApprovers', () => {
  test('who the after-approval holds that the before-approval did not, for the same digest', () => {
    const one = factsOf(D, approve(D, draft(), [bob]));
    const two = factsOf(D, approve(D, draft(), [bob, mallory]));
    assert.deepEqual(addedApprovers(one, two), ['mallory@example.com']);
    assert.deepEqual(addedApprovers(undefined, one), ['bob@example.com']);
    assert.deepEqual(addedApprovers(two, factsOf(D, draft())), []);
    assert.deepEqual(addedApprovers(factsOf(D, approve(D, draft('old'))), factsOf(D, approve(D, draft('old')).replace('old', 'new'))), []);
  });
});
