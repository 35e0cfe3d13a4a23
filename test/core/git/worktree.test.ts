import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot, listWorkTreeFiles, registerApprovedByTrailer } from '../../../core/git/worktree.js';
import { DesignGateError } from '../../../core/errors.js';
import { gitEnv, makeRepo, makeTempDir } from '../../helpers/repo.js';

const env = gitEnv();
const repo = makeRepo({
  '.gitignore': 'build/\n*.log\n',
  'lib/a.ex': 'a',
  'lib/b.ex': 'b',
  'lib/gone.ex': 'gone',
  'docs/design/a b.md': 'space',
  'docs/design/ünï.md': 'non-ascii',
});
repo.write({ 'lib/b.ex': 'b changed', 'lib/new.ex': 'untracked', 'build/out.ex': 'ignored', 'debug.log': 'ignored', 'lib/staged.ex': 'staged' });
repo.git('add', 'lib/staged.ex');
repo.write({ 'lib/staged.ex': 'staged then changed' });
unlinkSync(join(repo.dir, 'lib/gone.ex'));
const outside = makeTempDir();
after(() => {
  repo.cleanup();
  rmSync(outside, { recursive: true, force: true });
});

describe('listWorkTreeFiles', () => {
  test('tracked, staged and untracked files once, sorted; ignored and deleted ones not', async () => {
    assert.deepEqual(await listWorkTreeFiles(repo.dir, env), [
      '.gitignore',
      'docs/design/a b.md',
      'docs/design/ünï.md',
      'lib/a.ex',
      'lib/b.ex',
      'lib/new.ex',
      'lib/staged.ex',
    ]);
  });

  test('a conflicted file once, a file named like a tag by its name, a staged file deleted from the work tree not', async () => {
    const other = makeRepo({ 'c.txt': 'base\n', 'R x.ex': 'named like a tag', 'kept.ex': 'k' });
    try {
      other.git('checkout', '-q', '-b', 'side');
      other.write({ 'c.txt': 'side\n' });
      other.git('commit', '-qam', 'side');
      other.git('checkout', '-q', '-');
      other.write({ 'c.txt': 'main\n', 'added.ex': 'added' });
      other.git('add', '-A');
      other.git('commit', '-qm', 'main');
      assert.throws(() => other.git('merge', 'side'), /git merge side/);
      assert.match(other.git('status', '--porcelain'), /^UU c.txt/m);
      unlinkSync(join(other.dir, 'kept.ex'));
      assert.deepEqual(await listWorkTreeFiles(other.dir, env), ['R x.ex', 'added.ex', 'c.txt']);
    } finally {
      other.cleanup();
    }
  });

  test('a folder that is not a repository is a GIT error with the fix', async () => {
    await assert.rejects(listWorkTreeFiles(outside, env), (e: unknown) => {
      assert.ok(e instanceof DesignGateError);
      assert.equal(e.code, 'GIT');
      assert.equal(e.message, `git could not list the files of ${outside}`);
      assert.match(e.fix ?? '', /git --version/);
      return true;
    });
  });
});

describe('findRepoRoot', () => {
  test('from the root and from a subfolder', async () => {
    mkdirSync(join(repo.dir, 'lib/deep/er'), { recursive: true });
    assert.equal(await findRepoRoot(repo.dir, env), repo.dir);
    assert.equal(await findRepoRoot(join(repo.dir, 'lib/deep/er'), env), repo.dir);
  });

  test('undefined outside a repository', async () => {
    assert.equal(await findRepoRoot(outside, env), undefined);
  });
});

describe('registerApprovedByTrailer', () => {
  test('sets the key in the local config once', async () => {
    const repo = makeRepo({ 'a.txt': 'a' });
    try {
      assert.equal(await registerApprovedByTrailer(repo.dir, gitEnv()), true);
      assert.equal(repo.git('config', '--local', '--get', 'trailer.approvedby.key').trim(), 'Approved-by');
      assert.equal(await registerApprovedByTrailer(repo.dir, gitEnv()), false);
    } finally {
      repo.cleanup();
    }
  });
});
