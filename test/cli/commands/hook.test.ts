/** `designgate hook <name>` spawned as the shims spawn it: dispatch, output format and exit codes. */
import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatHookOutput, hooks } from '../../../cli/commands/hook.js';
import { HOOK_NAMES } from '../../../hooks/shims.js';
import type { Problem } from '../../../core/problem.js';
import { binPath, runCli } from '../../helpers/repo.js';
import { alice, draft, gateRepo, type GateRepo } from '../../hooks/fixtures/gate-repo.js';

const repos: GateRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
before(() => assert.ok(existsSync(binPath), 'build first: node scripts/build.mjs'));

function repo(): GateRepo {
  const r = gateRepo();
  repos.push(r);
  r.commitAs(alice, { 'docs/design/a.md': draft() }, 'design');
  return r;
}

describe('designgate hook', () => {
  test('every installed hook has a runner, and nothing else does', () => {
    assert.deepEqual(Object.keys(hooks).sort(), [...HOOK_NAMES].sort());
  });

  test('an unknown or missing hook name is a usage error (exit 2)', () => {
    const r = repo();
    const unknown = runCli(['hook', 'post-checkout'], { cwd: r.dir });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown hook 'post-checkout' \(known: pre-commit, commit-msg, pre-push, pre-merge-commit\)/);
    assert.equal(runCli(['hook'], { cwd: r.dir }).status, 2);
  });

  test('pre-commit: silent exit 0 with nothing staged; exit 1 with every line prefixed when refused', () => {
    const r = repo();
    assert.deepEqual(runCli(['hook', 'pre-commit'], { cwd: r.dir }), { status: 0, stdout: '', stderr: '' });
    r.write({ 'src/b.ts': 'x\n' });
    r.git('add', '-A');
    const refused = runCli(['hook', 'pre-commit'], { cwd: r.dir });
    assert.equal(refused.status, 1);
    assert.equal(refused.stdout, '');
    for (const line of refused.stderr.trimEnd().split('\n')) assert.ok(line.startsWith('designgate - '), line);
    assert.match(refused.stderr, /designgate - pre-commit: 2 errors, 0 warnings; refused/);
  });

  test('extra arguments (lint-staged appends file names) are ignored by pre-commit', () => {
    const r = repo();
    assert.equal(runCli(['hook', 'pre-commit', '/abs/src/x.ts', 'README.md'], { cwd: r.dir }).status, 0);
  });

  test('commit-msg reads the file git passes; pre-push reads git\'s lines on stdin', () => {
    const r = repo();
    writeFileSync(join(r.dir, 'MSG'), 'hello\n\nApproved-by: Bob Approver <bob@example.com>\n');
    const msg = runCli(['hook', 'commit-msg', 'MSG'], { cwd: r.dir });
    assert.equal(msg.status, 1);
    assert.match(msg.stderr, /\[approval-trailer-unused\]/);
    const head = r.git('rev-parse', 'HEAD').trim();
    const push = runCli(['hook', 'pre-push', 'origin', 'url'], { cwd: r.dir, input: `refs/heads/main ${head} refs/heads/main ${head}\n` });
    assert.deepEqual(push, { status: 0, stdout: '', stderr: '' });
    const garbled = runCli(['hook', 'pre-push', 'origin', 'url'], { cwd: r.dir, input: 'garbage\n' });
    assert.equal(garbled.status, 2);
  });

  test('outside a repository: exit 2 with the cause, never a pass', () => {
    const out = runCli(['hook', 'pre-commit'], { cwd: '/' });
    assert.equal(out.status, 2);
  });
});

describe('formatHookOutput', () => {
  const problems: Problem[] = [
    { file: 'src/a.ts', ruleId: 'missing-test', severity: 'warning', message: 'no test', fix: 'create test/a.test.ts' },
  ];
  test('nothing for no problem; warnings alone are allowed; errors refused', () => {
    assert.equal(formatHookOutput('pre-commit', [], false), '');
    assert.equal(
      formatHookOutput('pre-commit', problems, false),
      'designgate - src/a.ts: warning no test [missing-test]\ndesigngate -   fix: create test/a.test.ts\ndesigngate - pre-commit: 0 errors, 1 warning; allowed\n',
    );
    assert.match(formatHookOutput('pre-push', [{ ...problems[0]!, severity: 'error' }], false), /designgate - pre-push: 1 error, 0 warnings; refused/);
  });
});
