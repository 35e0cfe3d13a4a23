import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workspaceMessages as m } from '../../../core/messages/workspace.js';

test('messages name their folder and are one line without a full stop', () => {
  for (const text of [m.notARepository('/tmp/x'), m.gitListFailed('/tmp/x'), m.noConfig('/tmp/x')]) {
    assert.ok(text.includes('/tmp/x'), text);
    assert.ok(!text.includes('\n') && !text.endsWith('.'), text);
  }
  assert.equal(m.notARepository('/w'), '/w is not inside a git repository');
  assert.equal(m.noConfig('lib/a.ex'), 'no .designrc.json governs lib/a.ex');
});

test('each fix names a command in backticks', () => {
  assert.match(m.notARepositoryFix, /`git init`/);
  assert.match(m.gitListFailedFix, /`git --version`.*`git fsck`/);
  assert.match(m.noConfigFix, /`designgate init`/);
});
