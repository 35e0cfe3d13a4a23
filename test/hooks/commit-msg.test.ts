/**
 * The commit-msg gate through the real hook: approval commits carry a trailer for each approver they
 * add, are committed by that approver, and change approval blocks only; a trailer that approves
 * nothing is refused.
 */
import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DesignGateError } from '../../core/errors.js';
import { openGit } from '../../core/git/index.js';
import { commitMsg } from '../../hooks/commit-msg.js';
import { binPath } from '../helpers/repo.js';
import { alice, approve, bob, config, draft, gateRepo, hookEnv, type GateRepo } from './fixtures/gate-repo.js';

const repos: GateRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
before(() => assert.ok(existsSync(binPath), 'build first: node scripts/build.mjs'));

const D = 'docs/design/a.md';
const trailer = 'Approved-by: Bob Approver <bob@example.com>';

async function setup(configText?: string): Promise<GateRepo> {
  const repo = gateRepo(configText);
  repos.push(repo);
  await repo.install();
  repo.commitAs(alice, { [D]: draft() }, 'design a (and the hooks)');
  return repo;
}

function stageApproval(repo: GateRepo, extra: Record<string, string> = {}): void {
  repo.write({ [D]: approve(D, draft()), ...extra });
  repo.run(['add', '-A']);
}

describe('commit-msg, through the real hook', () => {
  test('an approval commit by the approver with the trailer passes', async () => {
    const repo = await setup();
    stageApproval(repo);
    const r = repo.run(['commit', '-m', `Approve a\n\n${trailer}`], { who: bob });
    assert.equal(r.status, 0, r.stderr);
  });

  test('a missing trailer: approval-missing-trailer', async () => {
    const repo = await setup();
    stageApproval(repo);
    const r = repo.run(['commit', '-m', 'Approve a'], { who: bob });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /docs\/design\/a\.md: error docs\/design\/a\.md: the approval by bob@example\.com is added without an `Approved-by:` trailer .*\[approval-missing-trailer\]/);
    assert.match(r.stderr, /husky - commit-msg script failed/);
  });

  test('a trailer that is not in the last paragraph (A18) is no trailer', async () => {
    const repo = await setup();
    stageApproval(repo);
    const r = repo.run(['commit', '-m', `Approve a\n\n${trailer}\n\nSee the review notes.`], { who: bob });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\[approval-missing-trailer\]/);
  });

  test("someone else committing Bob's approval: approval-not-committer", async () => {
    const repo = await setup();
    stageApproval(repo);
    const r = repo.run(['commit', '-m', `Approve a\n\n${trailer}`], { who: alice });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /the approval by bob@example\.com is committed by alice@example\.com.*\[approval-not-committer\]/);
  });

  test('an approval commit that also changes another file (A13): approval-commit-not-narrow', async () => {
    const repo = await setup();
    stageApproval(repo, { 'README.md': 'x\n' });
    const skipped = repo.run(['commit', '--no-verify', '-m', `Approve a\n\n${trailer}`], { who: bob });
    assert.equal(skipped.status, 0, '--no-verify skips commit-msg too (verify catches it: see core/verify)');
    repo.run(['reset', '-q', '--hard', 'HEAD~1']);
    stageApproval(repo, { 'README.md': 'x\n' });
    const refused = repo.run(['commit', '-m', `Approve a\n\n${trailer}`], { who: bob });
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /README\.md: error this commit adds or changes an approval, and also changes README\.md.*\[approval-commit-not-narrow\]/);
    // With code in it, pre-commit refuses first: the approval is not committed before the code.
    stageApproval(repo, { 'src/a.ts': 'x\n', 'test/a.test.ts': 't\n' });
    const withCode = repo.run(['commit', '-m', `Approve a\n\n${trailer}`], { who: bob });
    assert.equal(withCode.status, 1);
    assert.match(withCode.stderr, /\[approval-not-committed\]/);
  });

  test('an approval commit that also edits the design content: approval-commit-not-narrow', async () => {
    const repo = await setup();
    const edited = draft('Does another thing.');
    repo.write({ [D]: approve(D, edited) });
    repo.run(['add', '-A']);
    const r = repo.run(['commit', '-m', `Approve a\n\n${trailer}`], { who: bob });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /docs\/design\/a\.md: error this commit adds or changes an approval, and also changes docs\/design\/a\.md/);
  });

  test('a trailer that approves nothing: approval-trailer-unused', async () => {
    const repo = await setup();
    repo.write({ 'README.md': 'hello\n' });
    repo.run(['add', '-A']);
    const r = repo.run(['commit', '-m', `Update the readme\n\n${trailer}`], { who: bob });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /the trailer `Approved-by: Bob Approver <bob@example\.com>` approves nothing.*\[approval-trailer-unused\]/);
  });

  test('a malformed trailer: approval-trailer-malformed', async () => {
    const repo = await setup();
    repo.write({ 'README.md': 'hello\n' });
    repo.run(['add', '-A']);
    const r = repo.run(['commit', '-m', 'Readme\n\nApproved-by: bob'], { who: bob });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\[approval-trailer-malformed\]/);
  });

  test('amending an approval commit to add its forgotten trailer passes', async () => {
    const repo = await setup();
    stageApproval(repo);
    assert.equal(repo.run(['commit', '-q', '--no-verify', '-m', 'Approve a'], { who: bob }).status, 0);
    const r = repo.run(['commit', '--amend', '-m', `Approve a\n\n${trailer}`], { who: bob });
    assert.equal(r.status, 0, r.stderr);
    assert.match(repo.git('log', '-1', '--format=%B'), /Approved-by: Bob Approver/);
  });

  test('withdrawing an approval needs no trailer', async () => {
    const repo = await setup();
    stageApproval(repo);
    assert.equal(repo.run(['commit', '-m', `Approve a\n\n${trailer}`], { who: bob }).status, 0);
    repo.write({ [D]: draft() });
    repo.run(['add', '-A']);
    const r = repo.run(['commit', '-m', 'Unapprove a'], { who: alice });
    assert.equal(r.status, 0, r.stderr);
  });

  test("gates.approval 'off': nothing about approvals is checked", async () => {
    const repo = await setup(config({ gates: { approval: 'off', completeness: 'error', architecture: 'off' } }));
    stageApproval(repo);
    const r = repo.run(['commit', '-m', 'Approve a without a trailer'], { who: alice });
    assert.equal(r.status, 0, r.stderr);
  });
});

describe('the hook function', () => {
  test('without a message file it is a usage error; an unreadable one an IO error', async () => {
    const repo = await setup();
    const env = hookEnv(repo.home);
    const git = await openGit({ cwd: repo.dir, env });
    try {
      await assert.rejects(commitMsg({ git, repoRoot: repo.dir, env, args: [], stdin: '' }), (e: unknown) => e instanceof DesignGateError && e.code === 'USAGE');
      await assert.rejects(commitMsg({ git, repoRoot: repo.dir, env, args: ['no/such/file'], stdin: '' }), (e: unknown) => e instanceof DesignGateError && e.code === 'IO');
      stageApproval(repo);
      writeFileSync(join(repo.dir, 'MSG'), `Approve a\n\n# a comment git strips\n${trailer}\n`);
      // GIT_COMMITTER_* name Bob, as git would for Bob's commit.
      const asBob = hookEnv(repo.home, bob);
      const bobGit = await openGit({ cwd: repo.dir, env: asBob });
      try {
        assert.deepEqual(await commitMsg({ git: bobGit, repoRoot: repo.dir, env: asBob, args: ['MSG'], stdin: '' }), []);
      } finally {
        await bobGit.close();
      }
    } finally {
      await git.close();
    }
  });

  test('a repository without designgate is left alone', async () => {
    const repo = gateRepo('{}\n');
    repos.push(repo);
    repo.git('rm', '-q', '--cached', '.designrc.json');
    repo.git('commit', '-q', '-m', 'no config');
    repo.write({ '.designrc.json': null, 'MSG': `x\n\n${trailer}\n` });
    const env = hookEnv(repo.home);
    const git = await openGit({ cwd: repo.dir, env });
    try {
      assert.deepEqual(await commitMsg({ git, repoRoot: repo.dir, env, args: ['MSG'], stdin: '' }), []);
    } finally {
      await git.close();
    }
  });
});
