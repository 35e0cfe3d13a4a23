/**
 * RangeBlobs against git itself: for every commit of a history with branches, merges, deletions and
 * re-additions, and every path, the blob it reports is the one `git rev-parse <commit>:<path>` names.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { openGit } from '../../../core/git/index.js';
import { gitBlobId, RangeBlobs } from '../../../core/verify/blobs.js';
import { readRangeLog } from '../../../core/verify/log.js';
import { gitEnv, makeRepo, type TempRepo } from '../../helpers/repo.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

function history(): { r: TempRepo; base: string } {
  const r = makeRepo({ 'a.txt': 'a0\n', 'b.txt': 'b0\n', 'c.txt': 'c0\n' });
  repos.push(r);
  const base = r.git('rev-parse', 'HEAD').trim();
  r.commit({ 'a.txt': 'a1\n' }, 'a1');
  r.git('checkout', '-q', '-b', 'side');
  r.commit({ 'b.txt': 'b-side\n', 'd.txt': 'd-side\n' }, 'side 1');
  r.commit({ 'c.txt': null }, 'side deletes c');
  r.git('checkout', '-q', 'main');
  r.commit({ 'a.txt': 'a2\n' }, 'a2');
  r.git('merge', '-q', '--no-ff', '-m', 'merge side', 'side');
  r.commit({ 'c.txt': 'c-again\n' }, 'c re-added');
  r.commit({ 'b.txt': null }, 'b deleted');
  return { r, base };
}

const truth = (r: TempRepo, commit: string, path: string): string | undefined => {
  try {
    return execFileSync('git', ['rev-parse', '--verify', '-q', `${commit}:${path}`], { cwd: r.dir, env: gitEnv(), encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
};

describe('RangeBlobs', () => {
  test('agrees with git at every commit of the range, at the base and beyond, for every path', async () => {
    const { r, base } = history();
    const env = gitEnv();
    const git = await openGit({ cwd: r.dir, env });
    try {
      const head = r.git('rev-parse', 'HEAD').trim();
      const log = await readRangeLog({ cwd: r.dir, env }, [head, `^${base}`]);
      const blobs = new RangeBlobs(git, log);
      const commits = [base, ...log.map((c) => c.oid)];
      // Newest first, then oldest first: the answers must not depend on the order of the questions.
      for (const order of [[...commits].reverse(), commits]) {
        for (const commit of order) {
          for (const path of ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'never.txt']) {
            assert.equal(await blobs.oidAt(commit, path), truth(r, commit, path), `${commit.slice(0, 7)}:${path}`);
          }
        }
      }
      assert.equal((await blobs.read(head, 'c.txt'))?.toString(), 'c-again\n');
      assert.equal(await blobs.text(head, 'c.txt'), 'c-again\n');
      assert.equal(await blobs.text(head, 'b.txt'), undefined);
      assert.equal(await blobs.text(base, 'c.txt'), 'c0\n');
      assert.equal(await blobs.read(head, 'b.txt'), undefined);
      const oid = (await blobs.oidAt(head, 'a.txt'))!;
      assert.equal(blobs.blob(oid), blobs.blob(oid), 'read once');
    } finally {
      await git.close();
    }
  });

  test('a range with its root commit in it', async () => {
    const { r } = history();
    const env = gitEnv();
    const git = await openGit({ cwd: r.dir, env });
    try {
      const log = await readRangeLog({ cwd: r.dir, env }, ['HEAD']);
      const blobs = new RangeBlobs(git, log);
      for (const c of log) for (const path of ['a.txt', 'c.txt', 'd.txt']) assert.equal(await blobs.oidAt(c.oid, path), truth(r, c.oid, path));
    } finally {
      await git.close();
    }
  });

  test('a linear range (answered by binary search) agrees with git too, from its edge and from its root', async () => {
    const r = makeRepo({ 'a.txt': 'a0\n', 'b.txt': 'b0\n' });
    repos.push(r);
    const base = r.git('rev-parse', 'HEAD').trim();
    r.commit({ 'a.txt': 'a1\n' }, 'a1');
    r.commit({ 'b.txt': null, 'c.txt': 'c1\n' }, 'b deleted, c added');
    r.commit({ 'x.txt': 'x\n' }, 'unrelated');
    r.commit({ 'b.txt': 'b-again\n', 'a.txt': 'a2\n' }, 'b re-added');
    r.commit({ 'c.txt': null }, 'c deleted');
    const env = gitEnv();
    const git = await openGit({ cwd: r.dir, env });
    try {
      for (const revisions of [['HEAD', `^${base}`], ['HEAD']]) {
        const log = await readRangeLog({ cwd: r.dir, env }, revisions);
        const blobs = new RangeBlobs(git, log);
        const commits = log.map((c) => c.oid);
        for (const order of [[...commits].reverse(), commits]) {
          for (const commit of order) {
            for (const path of ['a.txt', 'b.txt', 'c.txt', 'x.txt', 'never.txt']) {
              assert.equal(await blobs.oidAt(commit, path), truth(r, commit, path), `${revisions.join(' ')} ${commit.slice(0, 7)}:${path}`);
            }
          }
        }
      }
    } finally {
      await git.close();
    }
  });

  test('unchangedOnLine: only on a linear range, only for a path no commit of it changes, and then every commit holds the edge\'s blob', async () => {
    const r = makeRepo({ 'a.txt': 'a0\n', 'kept.txt': 'k\n' });
    repos.push(r);
    const base = r.git('rev-parse', 'HEAD').trim();
    r.commit({ 'a.txt': 'a1\n' }, 'a1');
    r.commit({ 'b.txt': 'b1\n' }, 'b1');
    const env = gitEnv();
    const git = await openGit({ cwd: r.dir, env });
    try {
      const log = await readRangeLog({ cwd: r.dir, env }, ['HEAD', `^${base}`]);
      const blobs = new RangeBlobs(git, log);
      assert.equal(blobs.unchangedOnLine('kept.txt'), true);
      assert.equal(blobs.unchangedOnLine('never.txt'), true);
      assert.equal(blobs.unchangedOnLine('a.txt'), false);
      assert.equal(blobs.unchangedOnLine('b.txt'), false);
      for (const commit of [base, ...log.map((c) => c.oid)]) assert.equal(await blobs.oidAt(commit, 'kept.txt'), truth(r, base, 'kept.txt'));
      const { r: branched, base: branchBase } = history();
      const merged = await readRangeLog({ cwd: branched.dir, env }, ['HEAD', `^${branchBase}`]);
      const branchedGit = await openGit({ cwd: branched.dir, env });
      try {
        assert.equal(new RangeBlobs(branchedGit, merged).unchangedOnLine('never.txt'), false, 'a range with a merge is not a line');
      } finally {
        await branchedGit.close();
      }
    } finally {
      await git.close();
    }
  });

  test('gitBlobId is what git hash-object computes', () => {
    const r = makeRepo();
    repos.push(r);
    const content = Buffer.from('hello\nworld\n');
    const expected = execFileSync('git', ['hash-object', '--stdin'], { cwd: r.dir, input: content, encoding: 'utf8' }).trim();
    assert.equal(gitBlobId(content), expected);
    assert.equal(gitBlobId(content, 64).length, 64);
  });
});
