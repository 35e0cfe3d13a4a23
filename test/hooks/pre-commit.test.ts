/**
 * The pre-commit gate end to end: real repositories with the real hooks installed (husky's runner and
 * designgate's shim running dist/bin/designgate.js), real `git commit`s, and the hook function itself
 * for what is easier to assert on data. Also the data-loss cases E1–E5 of reliability.md: a refused
 * commit leaves the tree, the index and the stash byte for byte as they were.
 */
import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openGit } from '../../core/git/index.js';
import { preCommit } from '../../hooks/pre-commit.js';
import { lintDocuments } from '../../cli/check-staged.js';
import { binPath, runCli } from '../helpers/repo.js';
import { BASELINE_FILE, formatBaseline } from '../../core/baseline/format.js';
import { alice, approve, bob, config, draft, fingerprint, gateRepo, hookEnv, indexBytes, removeScratch, signWith, sshKey, type GateRepo } from './fixtures/gate-repo.js';

const repos: GateRepo[] = [];
after(() => {
  repos.forEach((r) => r.cleanup());
  removeScratch();
});
before(() => assert.ok(existsSync(binPath), 'build first: node scripts/build.mjs'));

const D = 'docs/design/a.md';
const approveMessage = 'Approve a\n\nApproved-by: Bob Approver <bob@example.com>';

/** A repository with the hooks installed and committed, and (optionally) an approved design for src/a.ts. */
async function setup(options: { approved?: boolean; config?: string } = {}): Promise<GateRepo> {
  const repo = gateRepo(options.config);
  repos.push(repo);
  await repo.install();
  repo.commitAs(alice, { [D]: draft() }, 'design a (and the hooks)');
  if (options.approved !== false) repo.commitAs(bob, { [D]: approve(D, draft()) }, approveMessage);
  return repo;
}

function commit(repo: GateRepo, args: string[] = ['-m', 'code'], who = alice) {
  return repo.run(['commit', ...args], { who });
}

const code = { 'src/a.ts': 'export const a = 1;\n', 'test/a.test.ts': '// tests a\n' };

describe('the adoption baseline at pre-commit and check --staged: read from HEAD, never from the index', () => {
  /** A repository whose HEAD baselines src/legacy.ts (committed without a design before adoption). */
  async function adopted(): Promise<GateRepo> {
    const repo = await setup();
    repo.commitAs(alice, { 'src/legacy.ts': 'old\n', [BASELINE_FILE]: formatBaseline(['src/legacy.ts']) }, 'Baseline\n\nApproved-by: Bob Approver <bob@example.com>');
    return repo;
  }

  test('a baselined file may be edited and committed without a design or a test', async () => {
    const repo = await adopted();
    repo.write({ 'src/legacy.ts': 'edited\n' });
    repo.run(['add', '-A']);
    assert.equal(runCli(['check', '--staged'], { cwd: repo.dir, env: hookEnv(repo.home) }).status, 0);
    const r = commit(repo);
    assert.equal(r.status, 0, r.stderr);
  });

  test('staging a baseline entry together with new design-less code gains nothing: refused as missing-design', async () => {
    const repo = await adopted();
    repo.write({ 'src/new.ts': 'x\n', [BASELINE_FILE]: formatBaseline(['src/legacy.ts', 'src/new.ts']) });
    repo.run(['add', '-A']);
    const staged = runCli(['check', '--staged', '--json'], { cwd: repo.dir, env: hookEnv(repo.home) });
    assert.equal(staged.status, 1);
    assert.deepEqual((JSON.parse(staged.stdout) as { problems: Array<{ file: string; ruleId: string }> }).problems.map((p) => `${p.file} ${p.ruleId}`), ['src/new.ts missing-design', 'src/new.ts missing-test']);
    const r = commit(repo);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /src\/new\.ts has no design/);
  });

  test('a malformed committed baseline stops the gate (exit 2) with its line; the commit is refused', async () => {
    const repo = await setup();
    repo.commitAs(alice, { [BASELINE_FILE]: '{\n  "version": 1,\n  "files": [1]\n}\n' }, 'broken baseline');
    repo.write(code);
    repo.run(['add', '-A']);
    assert.equal(runCli(['check', '--staged'], { cwd: repo.dir, env: hookEnv(repo.home) }).status, 2);
    const r = commit(repo);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /\.designgate\/baseline\.json@[0-9a-f]{12}:3:\d+: files\[0\]: must be a string/);
  });
});

describe('pre-commit refuses, through the real hook', () => {
  test('code whose design is approved and committed passes (the control case)', async () => {
    const repo = await setup();
    repo.write(code);
    repo.run(['add', '-A']);
    const r = commit(repo);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(repo.git('log', '-1', '--format=%s').trim(), 'code');
  });

  test('code without a design: missing-design, naming `designgate new`', async () => {
    const repo = await setup();
    repo.write({ 'src/b.ts': 'x\n', 'test/b.test.ts': 't\n' });
    repo.run(['add', '-A']);
    const r = commit(repo);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^designgate - src\/b\.ts: error src\/b\.ts has no design: expected docs\/design\/b\.md \[missing-design\]$/m);
    assert.match(r.stderr, /^designgate -   fix: designgate new src\/b\.ts$/m);
    assert.match(r.stderr, /^designgate - pre-commit: 2 errors, \d+ warnings?; refused/m);
    assert.match(r.stderr, /^husky - pre-commit script failed \(code 1\)$/m);
  });

  test('code without its test: missing-test', async () => {
    const repo = await setup();
    repo.write({ 'src/a.ts': 'x\n' });
    repo.run(['add', '-A']);
    const r = commit(repo);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /src\/a\.ts has no test: expected test\/a\.test\.ts \[missing-test\]/);
  });

  test('an unapproved (draft) design: design-not-approved on every file relying on it', async () => {
    const repo = await setup({ approved: false });
    repo.write(code);
    repo.run(['add', '-A']);
    const r = commit(repo);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /src\/a\.ts: error src\/a\.ts needs an approved design, but docs\/design\/a\.md is a draft \(no approval\) \[design-not-approved\]/);
    assert.match(r.stderr, /test\/a\.test\.ts: error .* \[design-not-approved\]/);
    assert.match(r.stderr, /fix: get the design approved and committed first \(`designgate approve docs\/design\/a\.md`\)/);
  });

  test('a stale design (edited after approval): approval-stale', async () => {
    const repo = await setup();
    repo.commitAs(alice, { [D]: approve(D, draft()).replace('Does one thing.', 'Does two things.') }, 'edit after approval');
    repo.write(code);
    repo.run(['add', '-A']);
    const r = commit(repo);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /docs\/design\/a\.md:\d+:\d+: error stale: the design changed since it was approved .*\[approval-stale\]/);
    assert.match(r.stderr, /docs\/design\/a\.md is stale/);
  });

  test('a forged approval (the author commits an unsigned approval block for Bob): approval-unsigned', async () => {
    const bobKey = sshKey('bob');
    const signed = config({ approvers: [{ name: bob.name, email: bob.email, keys: [bobKey.publicKey] }], signedApprovals: true });
    const repo = await setup({ approved: false, config: signed });
    repo.commitAs(alice, { [D]: approve(D, draft()) }, approveMessage);
    repo.write(code);
    repo.run(['add', '-A']);
    const r = commit(repo);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /approval commit [0-9a-f]{12} is not signed, and signedApprovals is on \[approval-unsigned\]/);
    assert.match(r.stderr, /src\/a\.ts needs an approved design, but docs\/design\/a\.md is not verified/);
  });

  test('a forged signature (Mallory signs Bob\'s approval with her own key): approval-unknown-key', async () => {
    const bobKey = sshKey('bob');
    const malloryKey = sshKey('mallory');
    const signed = config({ approvers: [{ name: bob.name, email: bob.email, keys: [bobKey.publicKey] }], signedApprovals: true });
    const repo = await setup({ approved: false, config: signed });
    repo.commitAs(bob, { [D]: approve(D, draft()) }, approveMessage, signWith(malloryKey.key));
    repo.write(code);
    repo.run(['add', '-A']);
    const r = commit(repo);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\[approval-unknown-key\]/);
    // …while Bob's own signature verifies.
    const good = await setup({ approved: false, config: signed });
    good.commitAs(bob, { [D]: approve(D, draft()) }, approveMessage, signWith(bobKey.key));
    good.write(code);
    good.run(['add', '-A']);
    const ok = commit(good);
    assert.equal(ok.status, 0, ok.stderr);
  });

  test('approval before implementation: the approval staged together with the code is refused', async () => {
    const repo = await setup({ approved: false });
    repo.write({ ...code, [D]: approve(D, draft()) });
    repo.run(['add', '-A']);
    const r = commit(repo, ['-m', approveMessage], bob);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /the approval by bob@example\.com is not committed yet \[approval-not-committed\]/);
  });

  test('`git commit -a` is checked through its temporary index (C7)', async () => {
    const repo = await setup({ approved: false });
    repo.commitAs(alice, code, 'code committed with --no-verify');
    repo.write({ 'src/a.ts': 'export const a = 2;\n' });
    const r = commit(repo, ['-a', '-m', 'commit -a']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /src\/a\.ts needs an approved design/);
  });

  test('`git commit <path>` is checked through its temporary index (C7)', async () => {
    const repo = await setup({ approved: false });
    repo.commitAs(alice, code, 'code committed with --no-verify');
    repo.write({ 'src/a.ts': 'export const a = 3;\n' });
    const r = commit(repo, ['src/a.ts', '-m', 'commit a path']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /src\/a\.ts needs an approved design/);
  });

  test('the staged blob is judged, not the work tree (C8)', async () => {
    const repo = await setup();
    const stale = approve(D, draft()).replace('Does one thing.', 'Does something else.');
    repo.write({ ...code, [D]: stale });
    repo.run(['add', '-A']);
    repo.write({ [D]: approve(D, draft()) }); // the work tree looks approved again
    const r = commit(repo);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /docs\/design\/a\.md is stale/);
  });

  test('deleting a design whose code remains: design-deleted; a renamed design leaves its code without one', async () => {
    const repo = await setup();
    repo.commitAs(alice, code, 'code');
    repo.run(['rm', '-q', D]);
    let r = commit(repo, ['-m', 'delete the design']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /docs\/design\/a\.md: error docs\/design\/a\.md is deleted, but its code src\/a\.ts remains \[design-deleted\]/);
    repo.run(['reset', '-q', '--hard']);
    repo.run(['mv', D, 'docs/design/moved.md']);
    r = commit(repo, ['-m', 'move the design']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\[design-deleted\]/);
  });

  test('deleting a test whose code remains: test-deleted', async () => {
    const repo = await setup();
    repo.commitAs(alice, code, 'code');
    repo.run(['rm', '-q', 'test/a.test.ts']);
    const r = commit(repo, ['-m', 'delete the test']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\[test-deleted\]/);
  });

  test('a staged design document must pass the lint rules', async () => {
    const repo = await setup();
    repo.write({ 'docs/design/b.md': '---\ntype: module\nstatus: draft\n---\n\n## Purpose\n\nNo API section.\n' });
    repo.run(['add', '-A']);
    const r = commit(repo, ['-m', 'design b']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /docs\/design\/b\.md:\d+:\d+: error .*\[required-sections\]/);
  });
});

describe('pre-commit follows gates.approval', () => {
  test("'off': only completeness is enforced (a draft design is enough; a missing test is not)", async () => {
    const repo = await setup({ approved: false, config: config({ gates: { approval: 'off', completeness: 'error', architecture: 'off' } }) });
    repo.write(code);
    repo.run(['add', '-A']);
    let r = commit(repo);
    assert.equal(r.status, 0, r.stderr);
    repo.write({ 'src/c.ts': 'x\n' });
    repo.run(['add', '-A']);
    r = commit(repo, ['-m', 'no test, no design']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\[missing-test\]/);
    assert.match(r.stderr, /\[missing-design\]/);
  });

  test("'warn': the unapproved design is reported and the commit goes through", async () => {
    const repo = await setup({ approved: false, config: config({ gates: { approval: 'warn', completeness: 'error', architecture: 'off' } }) });
    repo.write(code);
    repo.run(['add', '-A']);
    const r = commit(repo);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /src\/a\.ts: warning src\/a\.ts needs an approved design/);
    assert.match(r.stderr, /pre-commit: 0 errors, \d+ warnings; allowed/);
  });
});

describe('pre-commit follows gates.alignment', () => {
  test('a staged test renamed away from its scenario: reported from the index under gates.alignment, refused at error', async () => {
    const repo = gateRepo(config({ gates: { approval: 'off', completeness: 'error', architecture: 'off', alignment: 'error' } }));
    repos.push(repo);
    await repo.install();
    const design = `${draft()}\n## Test Scenarios\n\n- adds one\n- keeps the sign, e.g. "-1"\n`;
    repo.commitAs(alice, { [D]: design, 'src/a.ts': 'x\n', 'test/a.test.ts': "test('adds one', () => {});\ntest('keeps the sign, e.g. -1', () => {});\n" }, 'aligned');
    repo.write({ 'test/a.test.ts': "test('adds one', () => {});\ntest('keeps its sign', () => {});\n" });
    repo.run(['add', '-A']);
    // The work tree is put back in line; the index still holds the renamed test, and that is what is judged.
    repo.write({ 'test/a.test.ts': "test('adds one', () => {});\ntest('keeps the sign, e.g. -1', () => {});\n" });
    const r = commit(repo, ['-m', 'rename a test']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /docs\/design\/a\.md:\d+: error the scenario "keeps the sign, e\.g\. "-1"" of docs\/design\/a\.md has no test named after it in test\/a\.test\.ts \[scenario-without-test\]/);
    assert.match(r.stderr, /test\/a\.test\.ts:2: error the test "keeps its sign" in test\/a\.test\.ts traces to no scenario of docs\/design\/a\.md \[test-without-scenario\]/);
    assert.match(r.stderr, /fix: add a test named "keeps the sign, e\.g\. "-1"" to test\/a\.test\.ts/);
  });
});

describe('the hook function', () => {
  test('returns [] at once when nothing is staged, and never touches the index', async () => {
    const repo = await setup();
    const git = await openGit({ cwd: repo.dir, env: hookEnv(repo.home) });
    try {
      assert.deepEqual(await preCommit({ git, repoRoot: git.root, env: hookEnv(repo.home), args: [], stdin: '', lint: lintDocuments }), []);
    } finally {
      await git.close();
    }
  });

  test('a staged change outside every config is nobody\'s business', async () => {
    const repo = await setup();
    repo.write({ 'README.md': '# hi\n', 'scripts/x.sh': 'echo\n' });
    repo.run(['add', '-A']);
    const r = commit(repo, ['-m', 'docs']);
    assert.equal(r.status, 0, r.stderr);
  });
});

describe('a refused commit loses nothing (reliability E1–E5)', () => {
  test("E1 (designgate's own part): tree, index and stash are byte-identical after a refused commit with a partially staged file", async () => {
    const repo = await setup({ approved: false });
    repo.commitAs(alice, { 'src/a.ts': 'one\ntwo\nthree\n', 'test/a.test.ts': 't\n' }, 'code (--no-verify)');
    repo.write({ 'src/a.ts': 'ONE\ntwo\nthree\n' });
    repo.run(['add', 'src/a.ts']);
    repo.write({ 'src/a.ts': 'ONE\ntwo\nTHREE\n' }); // partially staged: the second hunk is not
    repo.write({ 'notes.txt': 'untracked\n' });
    repo.run(['stash', 'push', '-q', '--keep-index', '--', 'notes.txt']); // a stash entry to keep
    repo.write({ 'notes.txt': 'untracked again\n' });
    const beforeCommit = fingerprint(repo);
    const bytes = indexBytes(repo);
    const direct = runCli(['hook', 'pre-commit'], { cwd: repo.dir });
    assert.equal(direct.status, 1, direct.stderr);
    assert.equal(indexBytes(repo), bytes, 'designgate never writes the index, not even its stat cache');
    const r = commit(repo);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(fingerprint(repo), beforeCommit);
    assert.equal(repo.git('diff', '--cached', '--name-only').trim(), 'src/a.ts');
    assert.equal(repo.git('diff', '--name-only').trim(), 'src/a.ts');
  });

  // E1/E2 inside lint-staged (its stash, Ctrl-C and SIGKILL at each step): test/e2e/lint-staged.test.ts.

  test('E3: a held .git/index.lock neither blocks the read-only check nor is taken or removed by it', async () => {
    const repo = await setup();
    repo.write(code);
    repo.run(['add', '-A']);
    const lock = join(repo.dir, '.git/index.lock');
    writeFileSync(lock, '');
    const env = hookEnv(repo.home);
    const git = await openGit({ cwd: repo.dir, env });
    try {
      const problems = await preCommit({ git, repoRoot: git.root, env, args: [], stdin: '' });
      assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
    } finally {
      await git.close();
    }
    assert.ok(existsSync(lock), 'the lock is still there');
    const r = commit(repo);
    assert.notEqual(r.status, 0, 'git itself refuses while the lock is held');
  });

  test('E4: untracked and intent-to-add files are untouched by a refused commit', async () => {
    const repo = await setup({ approved: false });
    repo.write({ ...code, 'src/new.ts': 'intent\n', 'scratch.txt': 'untracked\n' });
    repo.run(['add', 'src/a.ts', 'test/a.test.ts']);
    repo.run(['add', '-N', 'src/new.ts']);
    const beforeCommit = fingerprint(repo);
    const r = commit(repo);
    assert.equal(r.status, 1);
    assert.equal(fingerprint(repo), beforeCommit);
  });

  test('E5: the hook judges the index only, so a file rewritten in the work tree while it runs changes nothing', async () => {
    const repo = await setup();
    repo.write(code);
    repo.run(['add', '-A']);
    repo.write({ 'src/a.ts': 'an editor rewrote this\n', [D]: 'not even a design\n' });
    const beforeCommit = fingerprint(repo);
    const r = commit(repo);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(repo.git('show', 'HEAD:src/a.ts'), code['src/a.ts']);
    // The commit moved HEAD and the index, but the work-tree files are exactly as the "editor" left them.
    assert.notEqual(fingerprint(repo), beforeCommit);
    assert.equal(repo.git('diff', '--name-only').trim().split('\n').sort().join(','), `${D},src/a.ts`);
  });
});
