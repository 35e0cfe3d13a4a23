import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { approvalCliMessages as m } from '../../cli/messages-approval.js';

describe('approve/unapprove CLI messages', () => {
  test('subjects and summaries count designs', () => {
    assert.equal(m.approveSubject(['docs/design/a.md']), 'Approve docs/design/a.md');
    assert.equal(m.approveSubject(['a', 'b']), 'Approve 2 designs');
    assert.equal(m.unapproveSubject(['a', 'b', 'c']), 'Unapprove 3 designs');
    assert.equal(m.approved(['a'], '0123456789abcdef', true), 'approved 1 design in commit 0123456789ab (signed)\n  a\n');
    assert.match(m.approved(['a', 'b'], '0123456789abcdef', false), /^approved 2 designs .*\(unsigned: signedApprovals is off\)\n {2}a\n {2}b\n$/);
    assert.equal(m.confirmSubject(['docs/design/a.md']), 'Confirm docs/design/a.md against its context');
    assert.equal(m.confirmSubject(['a', 'b']), 'Confirm 2 designs against their contexts');
    assert.equal(m.confirmed(['a'], '0123456789abcdef', true), 'confirmed 1 design against the architecture in commit 0123456789ab (signed)\n  a\n');
  });

  test('the printed commit command survives a shell exactly as meant', () => {
    const trailer = "Approved-by: Pat O'Brien <pat@x.org>";
    const command = m.commitCommand(true, trailer, 'Approve docs/design/a b.md', ['docs/design/a b.md', 'docs/design/$x.md']);
    assert.ok(command.startsWith('git commit -S --trailer '));
    // Let the shell split it, and print the words it would pass to git.
    const words = execFileSync('sh', ['-c', `printf '%s\\n' ${command.slice('git '.length)}`], { encoding: 'utf8' }).trimEnd().split('\n');
    assert.deepEqual(words, ['commit', '-S', '--trailer', trailer, '-m', 'Approve docs/design/a b.md', '--', 'docs/design/a b.md', 'docs/design/$x.md']);
  });

  test('--no-commit tells the trailer and a command', () => {
    const text = m.staged(['a'], 'Approved-by: B <b@x.org>', 'git commit ...');
    assert.match(text, /add this trailer to the commit message:\n {2}Approved-by: B <b@x\.org>\n/);
    assert.match(text, /for example:\n {2}git commit \.\.\.\n$/);
  });
});
