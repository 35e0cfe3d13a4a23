import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openIsomorphicGit } from '../../../core/git/isomorphic.js';
import { openCliGit } from '../../../core/git/cli.js';
import { DesignGateError } from '../../../core/errors.js';
import { gitEnv, scratch } from '../../helpers/repo.js';

const { tempDir, repo } = scratch();

/** Expects openIsomorphicGit to refuse the repository, naming the layout and telling to install git. */
async function refuses(cwd: string, pattern: RegExp, env: NodeJS.ProcessEnv = gitEnv()): Promise<void> {
  await assert.rejects(openIsomorphicGit({ cwd, env }), (e: unknown) => {
    assert.ok(e instanceof DesignGateError, String(e));
    assert.equal(e.code, 'GIT');
    assert.match(e.message, /^the isomorphic-git backend cannot read this repository: /);
    assert.match(e.message, pattern);
    assert.match(e.fix ?? '', /install git/);
    return true;
  });
}

describe('openIsomorphicGit refuses layouts it would misread', () => {
  test('index version 4', async () => {
    const r = repo({ 'a.txt': 'a\n' });
    r.git('update-index', '--index-version', '4');
    await refuses(r.dir, /index is version 4/);
  });

  test('a split index', async () => {
    const r = repo({ 'a.txt': 'a\n' });
    r.git('update-index', '--split-index');
    await refuses(r.dir, /index is split/);
  });

  test('sparse checkout (and the sparse index)', async () => {
    const r = repo({ 'a/x.txt': 'x\n', 'b/y.txt': 'y\n' });
    r.git('sparse-checkout', 'set', '--cone', 'a');
    await refuses(r.dir, /sparse checkout/);
  });

  test('a SHA-256 repository', async () => {
    const dir = tempDir();
    execGit(dir, ['init', '-q', '--object-format=sha256']);
    await refuses(dir, /objects use sha256/);
  });

  test('reftable refs', async () => {
    const r = repo({ 'a.txt': 'a\n' });
    const config = join(r.dir, '.git/config');
    writeFileSync(config, `${readFileSync(config, 'utf8')}[extensions]\n\trefStorage = reftable\n`);
    await refuses(r.dir, /refs are stored as reftable/);
  });

  test('an index without checksum (index.skipHash)', async () => {
    const r = repo({ 'a.txt': 'a\n' });
    const index = join(r.dir, '.git/index');
    const buf = readFileSync(index);
    buf.fill(0, buf.length - 20);
    writeFileSync(index, buf);
    await refuses(r.dir, /no checksum/);
  });

  test('a quarantined object directory (GIT_OBJECT_DIRECTORY)', async () => {
    const r = repo({ 'a.txt': 'a\n' });
    await refuses(r.dir, /GIT_OBJECT_DIRECTORY/, gitEnv({ GIT_OBJECT_DIRECTORY: join(r.dir, '.git/objects') }));
  });

  test('a new repository without an index opens fine', async () => {
    const r = repo();
    const git = await openIsomorphicGit({ cwd: r.dir, env: gitEnv() });
    assert.deepEqual(await git.stagedChanges(), []);
    assert.deepEqual(await git.listFiles(), []);
  });
});

function execGit(cwd: string, args: string[]): void {
  execFileSync('git', args, { cwd, env: gitEnv(), stdio: 'ignore' });
}

describe('IsomorphicGit revisions and errors', () => {
  test('revision forms resolve as git resolves them', async () => {
    const r = repo({ 'a.txt': '1\n' });
    r.commit({ 'a.txt': '2\n' });
    r.git('checkout', '-q', '-b', 'side', 'HEAD~1');
    r.commit({ 's.txt': 's\n' });
    r.git('checkout', '-q', 'main');
    r.git('merge', '-q', '--no-edit', 'side');
    r.git('tag', '-a', 'v1', '-m', 'tag', 'HEAD~1');
    r.git('tag', '-a', 'nested', '-m', 'tag of a tag', 'v1');
    const revs = ['HEAD', '@', '@~1', 'HEAD^0', 'HEAD^1', 'HEAD^2', 'HEAD^3', 'HEAD~1^{commit}', 'HEAD^2~1', 'v1', 'v1^{}', 'v1~1',
      'nested', 'nested^{commit}', 'refs/tags/v1', 'tags/v1', 'heads/side', 'HEAD^{tree}', 'HEAD@{0}', 'HEAD:a.txt', 'main~99',
      r.git('rev-parse', 'HEAD').trim().slice(0, 8), r.git('rev-parse', 'HEAD').trim().toUpperCase(), 'no-such', ''];
    const cli = await openCliGit({ cwd: r.dir, env: gitEnv() });
    const iso = await openIsomorphicGit({ cwd: r.dir, env: gitEnv() });
    try {
      const expected = await Promise.all(revs.map((rev) => cli.resolve(rev)));
      const actual = await Promise.all(revs.map((rev) => iso.resolve(rev)));
      // HEAD@{0} (the reflog) is git-only syntax: the isomorphic backend returns undefined there.
      const gitOnly = new Set(['HEAD@{0}']);
      revs.forEach((rev, i) => {
        if (gitOnly.has(rev)) assert.equal(actual[i], undefined, rev);
        else assert.equal(actual[i], expected[i], `resolve('${rev}')`);
      });
      assert.equal(expected[revs.indexOf('v1')], r.git('rev-parse', 'HEAD~1').trim());
    } finally {
      await cli.close();
      await iso.close();
    }
  });

  test('a missing object, a blob read as a commit, an unknown revision', async () => {
    const r = repo({ 'a.txt': 'a\n' });
    const git = await openIsomorphicGit({ cwd: r.dir, env: gitEnv() });
    await assert.rejects(git.readBlob('f'.repeat(40)), /^DesignGateError: object f{40} is not in the repository$/);
    await assert.rejects(git.readCommit(r.git('rev-parse', 'HEAD:a.txt').trim()), /is a blob, not a commit/);
    await assert.rejects(git.revList('HEAD', 'nope'), /revision 'nope' does not name a commit/);
    await assert.rejects(git.listFiles('nope'), /revision 'nope' does not name a commit/);
    assert.equal(await git.readAt('HEAD', 'a.txt/below'), undefined);
  });
});
