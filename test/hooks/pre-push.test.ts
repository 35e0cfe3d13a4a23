/**
 * The pre-push gate: git's ref lines parsed exactly (several refs, new branches, deletions,
 * `src:dst` refspecs), and real `git push`es to a bare repository on disk through the real hook.
 */
import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { DesignGateError } from '../../core/errors.js';
import { openGit } from '../../core/git/index.js';
import { parsePushLines, prePush } from '../../hooks/pre-push.js';
import { binPath } from '../helpers/repo.js';
import { alice, approve, bob, draft, gateRepo, hookEnv, pushToBare, removeScratch, type GateRepo } from './fixtures/gate-repo.js';

const repos: GateRepo[] = [];
after(() => {
  repos.forEach((r) => r.cleanup());
  removeScratch();
});
before(() => assert.ok(existsSync(binPath), 'build first: node scripts/build.mjs'));

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const Z = '0'.repeat(40);
const D = 'docs/design/a.md';
const approveMessage = 'Approve a\n\nApproved-by: Bob Approver <bob@example.com>';
const code = { 'src/a.ts': 'export const a = 1;\n', 'test/a.test.ts': '// tests a\n' };

describe('parsePushLines', () => {
  test('reads several refs, new branches, deletions and src:dst pushes', () => {
    const stdin = `refs/heads/main ${A} refs/heads/main ${B}\nrefs/heads/x ${A} refs/heads/y ${Z}\n(delete) ${Z} refs/heads/old ${B}\nHEAD ${A} refs/heads/z ${Z}\n`;
    assert.deepEqual(parsePushLines(stdin), [
      { localRef: 'refs/heads/main', localSha: A, remoteRef: 'refs/heads/main', remoteSha: B },
      { localRef: 'refs/heads/x', localSha: A, remoteRef: 'refs/heads/y', remoteSha: Z },
      { localRef: '(delete)', localSha: Z, remoteRef: 'refs/heads/old', remoteSha: B },
      { localRef: 'HEAD', localSha: A, remoteRef: 'refs/heads/z', remoteSha: Z },
    ]);
  });

  test('empty input is no refs; SHA-256 ids and CRLF are read', () => {
    assert.deepEqual(parsePushLines(''), []);
    const long = 'c'.repeat(64);
    assert.equal(parsePushLines(`refs/heads/a ${long} refs/heads/a ${'0'.repeat(64)}\r\n`)[0]?.localSha, long);
  });

  test('a line of any other shape is a usage error, never skipped', () => {
    for (const bad of ['refs/heads/main', `refs/heads/main ${A} refs/heads/main`, `refs/heads/main xyz refs/heads/main ${B}`]) {
      assert.throws(() => parsePushLines(`${bad}\n`), (e: unknown) => e instanceof DesignGateError && e.code === 'USAGE');
    }
  });
});

/** A repository with an approved design, pushed to a bare remote, hooks live. */
async function pushed(): Promise<GateRepo> {
  const repo = gateRepo();
  repos.push(repo);
  await repo.install();
  repo.commitAs(alice, { [D]: draft() }, 'design a (and the hooks)');
  repo.commitAs(bob, { [D]: approve(D, draft()) }, approveMessage);
  pushToBare(repo);
  return repo;
}

describe('pre-push, through the real hook', () => {
  test('approved code pushes; a --no-verify commit of unapproved code is refused at push (C1)', async () => {
    const repo = await pushed();
    repo.commitAs(alice, code, 'code');
    let r = repo.run(['push', '-q', 'origin', 'main']);
    assert.equal(r.status, 0, r.stderr);
    repo.commitAs(alice, { 'src/b.ts': 'x\n', 'test/b.test.ts': 't\n' }, 'unapproved, committed with --no-verify');
    r = repo.run(['push', 'origin', 'main']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^designgate - src\/b\.ts: error in [0-9a-f]{12}: src\/b\.ts has no design: expected docs\/design\/b\.md \[missing-design\]$/m);
    assert.match(r.stderr, /pre-push: \d+ errors?, \d+ warnings?; refused/);
    assert.match(r.stderr, /failed to push some refs/);
  });

  test('a new branch (remote id all zeros) is checked against what the remote has', async () => {
    const repo = await pushed();
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commitAs(alice, { 'src/b.ts': 'x\n', 'test/b.test.ts': 't\n' }, 'unapproved');
    const r = repo.run(['push', 'origin', 'feature']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /src\/b\.ts has no design/);
    // Only the new commit is judged: nothing about the commits already on main.
    assert.doesNotMatch(r.stderr, /docs\/design\/a\.md/);
  });

  test('a `src:dst` push of an older commit checks that commit, not HEAD', async () => {
    const repo = await pushed();
    repo.commitAs(alice, code, 'good code');
    repo.commitAs(alice, { 'src/b.ts': 'x\n', 'test/b.test.ts': 't\n' }, 'bad code');
    let r = repo.run(['push', '-q', 'origin', 'HEAD~1:refs/heads/release']);
    assert.equal(r.status, 0, r.stderr);
    r = repo.run(['push', '-q', 'origin', 'HEAD:refs/heads/release']);
    assert.equal(r.status, 1);
  });

  test('several refs at once: one bad ref refuses the push; a deletion is not checked', async () => {
    const repo = await pushed();
    repo.run(['push', '-q', 'origin', 'main:refs/heads/doomed']);
    repo.git('branch', 'good', 'main');
    repo.git('checkout', '-q', '-b', 'bad');
    repo.commitAs(alice, { 'src/b.ts': 'x\n' }, 'bad');
    let r = repo.run(['push', 'origin', 'good', 'bad', ':doomed']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /src\/b\.ts has no design/);
    r = repo.run(['push', '-q', 'origin', 'good', ':doomed']);
    assert.equal(r.status, 0, r.stderr);
  });

  test('HUSKY=0 skips the hook (C2): the local push goes through, which is why CI runs verify', async () => {
    const repo = await pushed();
    repo.commitAs(alice, { 'src/b.ts': 'x\n' }, 'bad');
    const r = repo.run(['push', '-q', 'origin', 'main'], { env: { HUSKY: '0' } });
    assert.equal(r.status, 0, r.stderr);
  });
});

describe('the hook function', () => {
  test('a remote tip this clone has never seen is bounded by the remote-tracking refs', async () => {
    const repo = await pushed();
    repo.commitAs(alice, { 'src/b.ts': 'x\n', 'test/b.test.ts': 't\n' }, 'bad');
    const head = repo.git('rev-parse', 'HEAD').trim();
    const env = hookEnv(repo.home);
    const git = await openGit({ cwd: repo.dir, env });
    try {
      const problems = await prePush({ git, repoRoot: repo.dir, env, args: ['origin'], stdin: `refs/heads/main ${head} refs/heads/main ${'e'.repeat(40)}\n` });
      assert.deepEqual([...new Set(problems.filter((p) => p.severity === 'error').map((p) => `${p.file} ${p.ruleId}`))], ['src/b.ts missing-design', 'test/b.test.ts missing-design']);
      assert.deepEqual(await prePush({ git, repoRoot: repo.dir, env, args: ['origin'], stdin: '' }), []);
    } finally {
      await git.close();
    }
  });
});
