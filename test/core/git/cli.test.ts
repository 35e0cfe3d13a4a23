import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chownSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openCliGit, parseRawDiff, runGit } from '../../../core/git/cli.js';
import { openIsomorphicGit } from '../../../core/git/isomorphic.js';
import { DesignGateError } from '../../../core/errors.js';
import { gitEnv, scratch } from '../../helpers/repo.js';

const { tempDir, repo } = scratch();

const gitError = (pattern: RegExp) => (e: unknown): boolean => {
  assert.ok(e instanceof DesignGateError, String(e));
  assert.equal(e.code, 'GIT');
  assert.match(e.message, pattern);
  return true;
};

const O1 = '1'.repeat(40);
const O2 = '2'.repeat(40);
const Z = '0'.repeat(40);

describe('parseRawDiff', () => {
  test('reads M, A, D, T and R records, NUL-separated', () => {
    const raw = Buffer.from(
      [
        `:100644 100644 ${O1} ${O2} M`, 'mod.txt',
        `:000000 100644 ${Z} ${O1} A`, 'new file.txt',
        `:100644 000000 ${O1} ${Z} D`, 'gone.txt',
        `:100644 120000 ${O1} ${O2} T`, 'link',
        `:100644 100644 ${O1} ${O1} R100`, 'old name', 'new\tname',
        '',
      ].join('\0'),
    );
    assert.deepEqual(parseRawDiff(raw), [
      { status: 'M', path: 'mod.txt', oid: O2 },
      { status: 'A', path: 'new file.txt', oid: O1 },
      { status: 'D', path: 'gone.txt' },
      { status: 'T', path: 'link', oid: O2 },
      { status: 'R', path: 'new\tname', oldPath: 'old name', oid: O1 },
    ]);
  });

  test('empty output is no change', () => {
    assert.deepEqual(parseRawDiff(Buffer.alloc(0)), []);
  });

  test('unmerged entries throw GIT naming each path once', () => {
    const raw = Buffer.from([`:000000 000000 ${Z} ${Z} U`, 'c.txt', `:100644 100644 ${O1} ${O2} M`, 'm.txt', `:000000 000000 ${Z} ${Z} U`, 'c.txt', ''].join('\0'));
    assert.throws(() => parseRawDiff(raw), gitError(/^the index has unmerged paths: c\.txt$/));
  });
});

describe('openCliGit', () => {
  test('finds the top level from a subfolder', async () => {
    const r = repo({ 'deep/er/a.txt': 'a\n' });
    const git = await openCliGit({ cwd: join(r.dir, 'deep/er'), env: gitEnv() });
    assert.equal(git.root, r.dir);
    assert.deepEqual(await git.listFiles(), ['deep/er/a.txt']);
    assert.deepEqual(await git.listFiles('HEAD'), ['deep/er/a.txt']);
    await git.close();
  });

  test('a repository owned by another user: the fix names safe.directory', { skip: process.getuid?.() !== 0 && 'needs root to chown' }, async () => {
    const dir = tempDir();
    await runGit({ cwd: dir, env: gitEnv() }, ['init', '-q']);
    chownSync(dir, 65534, 65534);
    chownSync(join(dir, '.git'), 65534, 65534);
    await assert.rejects(openCliGit({ cwd: dir, env: gitEnv() }), (e: unknown) => {
      gitError(/owned by another user/)(e);
      assert.match((e as DesignGateError).fix ?? '', /safe\.directory/);
      return true;
    });
  });
});

describe('CliGit', () => {
  test('errors: a missing blob, a blob read as a commit, an unknown revision', async () => {
    const r = repo({ 'a.txt': 'a\n' });
    const git = await openCliGit({ cwd: r.dir, env: gitEnv() });
    try {
      await assert.rejects(git.readBlob('f'.repeat(40)), gitError(/^object f{40} is not in the repository$/));
      const blob = r.git('rev-parse', 'HEAD:a.txt').trim();
      await assert.rejects(git.readCommit(blob), gitError(/is a blob, not a commit/));
      await assert.rejects(git.revList('HEAD', 'no-such-branch'), gitError(/^revision 'no-such-branch' does not name a commit$/));
      await assert.rejects(git.listFiles('--output=/tmp/x'), gitError(/does not name a commit/));
      assert.equal(await git.resolve('HEAD:a.txt'), undefined, 'a blob is not a commit');
    } finally {
      await git.close();
    }
  });

  test('a path with a newline in it is read through ls-files / ls-tree', async () => {
    const r = repo({ 'odd\nname.txt': 'odd\n', 'plain.txt': 'p\n' });
    r.write({ 'odd\nname.txt': 'staged\n' });
    r.git('add', '-A');
    const git = await openCliGit({ cwd: r.dir, env: gitEnv() });
    const iso = await openIsomorphicGit({ cwd: r.dir, env: gitEnv() });
    try {
      assert.equal((await git.readAt('HEAD', 'odd\nname.txt'))?.toString(), 'odd\n');
      assert.equal((await git.readStaged('odd\nname.txt'))?.toString(), 'staged\n');
      assert.equal(await git.readAt('HEAD', 'no\nsuch'), undefined);
      assert.deepEqual(await git.listFiles(), ['odd\nname.txt', 'plain.txt']);
      assert.deepEqual(await git.stagedChanges(), await iso.stagedChanges());
      assert.deepEqual(await git.readStaged('odd\nname.txt'), await iso.readStaged('odd\nname.txt'));
    } finally {
      await git.close();
      await iso.close();
    }
  });

  test('a merge conflict: stagedChanges throws GIT unmerged; listFiles names the path once', async () => {
    const r = repo({ 'c.txt': 'base\n' });
    r.git('checkout', '-q', '-b', 'other');
    r.commit({ 'c.txt': 'other\n' });
    r.git('checkout', '-q', 'main');
    r.commit({ 'c.txt': 'main\n' });
    await runGit({ cwd: r.dir, env: gitEnv() }, ['merge', 'other']); // conflicts, exits 1
    // Both backends: isomorphic-git on its own would report stage 1 (the merge base) as staged.
    for (const open of [openCliGit, openIsomorphicGit]) {
      const git = await open({ cwd: r.dir, env: gitEnv() });
      await assert.rejects(git.stagedChanges(), gitError(/^the index has unmerged paths: c\.txt$/));
      assert.deepEqual(await git.listFiles(), ['c.txt']);
      assert.equal(await git.readStaged('c.txt'), undefined, 'no stage-0 entry');
      await git.close();
    }
  });

  test('a SHA-256 repository works with the CLI backend (its own empty tree and 64-hex ids)', async () => {
    const dir = tempDir();
    await runGit({ cwd: dir, env: gitEnv() }, ['init', '-q', '--object-format=sha256']);
    mkdirSync(join(dir, 'src'));
    const env = gitEnv();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'src/a.txt'), 'a\n');
    await runGit({ cwd: dir, env }, ['add', '-A']);
    const git = await openCliGit({ cwd: dir, env });
    try {
      const staged = await git.stagedChanges(); // no HEAD yet: against the SHA-256 empty tree
      assert.deepEqual(staged.map((c) => [c.status, c.path, c.oid?.length]), [['A', 'src/a.txt', 64]]);
      await runGit({ cwd: dir, env }, ['commit', '-q', '-m', 'first']);
      const head = await git.resolve('HEAD');
      assert.equal(head?.length, 64);
      const commit = await git.readCommit(head!);
      assert.equal(commit.tree.length, 64);
      assert.equal(commit.message, 'first\n');
      assert.deepEqual((await git.commitChanges(head!)).map((c) => c.path), ['src/a.txt']);
    } finally {
      await git.close();
    }
  });
});
