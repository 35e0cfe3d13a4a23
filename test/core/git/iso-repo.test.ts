import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCommonPath, locate, mappedFs, scanIndex, type ConfigReader } from '../../../core/git/iso-repo.js';
import { DesignGateError } from '../../../core/errors.js';
import { gitEnv, scratch } from '../../helpers/repo.js';

const { tempDir, repo } = scratch();

/** A config reader that knows nothing: enough where the test does not depend on config values. */
const noConfig: ConfigReader = async () => undefined;

describe('isCommonPath', () => {
  test("follows git's common_list: shared objects/refs/config, per-worktree HEAD/index/bisect refs", () => {
    for (const p of ['objects/pack/x.pack', 'refs/heads/main', 'refs/tags/v1', 'packed-refs', 'config', 'shallow', 'logs/refs/heads/main', 'info/exclude', 'hooks/pre-commit', 'worktrees/wt/HEAD']) {
      assert.equal(isCommonPath(p), true, p);
    }
    for (const p of ['HEAD', 'index', 'ORIG_HEAD', 'MERGE_HEAD', 'logs/HEAD', 'refs/bisect/bad', 'refs/worktree/x', 'refs/rewritten/y', 'info/sparse-checkout', 'config.worktree', 'commondir', 'refsx']) {
      assert.equal(isCommonPath(p), false, p);
    }
  });
});

describe('scanIndex', () => {
  test('a plain index: version 2 and its extensions', () => {
    const r = repo({ 'a.txt': 'a\n', 'dir/b.txt': 'b\n' });
    const scan = scanIndex(readFileSync(join(r.dir, '.git/index')));
    assert.equal(scan.version, 2);
    assert.deepEqual(scan.extensions, ['TREE']);
    assert.equal(scan.skipHash, false);
    assert.deepEqual(scan.unmerged, []);
  });

  test('version 3 (an intent-to-add entry has extended flags) still reaches the extensions', () => {
    const r = repo({ 'a.txt': 'a\n' });
    r.write({ 'ita.txt': 'later\n', 'z.txt': 'z\n' });
    r.git('add', '-N', 'ita.txt');
    r.git('add', 'z.txt');
    r.git('write-tree');
    const scan = scanIndex(readFileSync(join(r.dir, '.git/index')));
    assert.equal(scan.version, 3);
    assert.deepEqual(scan.extensions, ['TREE']);
  });

  test('a split index carries the `link` extension', () => {
    const r = repo({ 'a.txt': 'a\n' });
    r.git('update-index', '--split-index');
    assert.ok(scanIndex(readFileSync(join(r.dir, '.git/index'))).extensions.includes('link'));
  });

  test('a path of 4095+ bytes (flags hold 0xFFF) is measured by its NUL', () => {
    const r = repo({ 'a.txt': 'a\n' });
    const blob = r.git('rev-parse', 'HEAD:a.txt').trim();
    const long = `${'d'.repeat(200)}/`.repeat(22) + 'file.txt';
    r.git('update-index', '--add', '--cacheinfo', `100644,${blob},${long}`);
    r.git('write-tree');
    const scan = scanIndex(readFileSync(join(r.dir, '.git/index')));
    assert.equal(scan.version, 2);
    assert.deepEqual(scan.extensions, ['TREE']);
  });

  test('version 4 is reported, not parsed', () => {
    const r = repo({ 'a.txt': 'a\n' });
    r.git('update-index', '--index-version', '4');
    assert.equal(scanIndex(readFileSync(join(r.dir, '.git/index'))).version, 4);
  });

  test('unmerged paths are listed once', () => {
    const r = repo({ 'c.txt': 'base\n', 'ok.txt': 'ok\n' });
    r.git('checkout', '-q', '-b', 'other');
    r.commit({ 'c.txt': 'other\n' });
    r.git('checkout', '-q', 'main');
    r.commit({ 'c.txt': 'main\n' });
    try {
      r.git('merge', 'other');
    } catch {
      // the conflict is the point
    }
    assert.deepEqual(scanIndex(readFileSync(join(r.dir, '.git/index'))).unmerged, ['c.txt']);
  });

  test('a zeroed checksum is skipHash; a file that is no index throws', () => {
    const r = repo({ 'a.txt': 'a\n' });
    const buf = Buffer.from(readFileSync(join(r.dir, '.git/index')));
    buf.fill(0, buf.length - 20);
    assert.equal(scanIndex(buf).skipHash, true);
    assert.throws(() => scanIndex(Buffer.from('not an index at all, no signature')), /DIRC/);
  });
});

describe('mappedFs', () => {
  const layout = { gitdir: '/r/.git/worktrees/wt', commondir: '/r/.git', indexFile: '/r/wt/.git-temp-index' };

  test('reads the index from indexFile, shared paths from the common dir, per-worktree paths in place', async () => {
    const dir = tempDir();
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const gitdir = join(dir, '.git/worktrees/wt');
    mkdirSync(join(dir, '.git/refs/heads'), { recursive: true });
    mkdirSync(gitdir, { recursive: true });
    writeFileSync(join(dir, '.git/refs/heads/main'), 'common ref\n');
    writeFileSync(join(gitdir, 'HEAD'), 'worktree head\n');
    writeFileSync(join(dir, 'temp-index'), 'the temporary index\n');
    const fs = mappedFs({ gitdir, commondir: join(dir, '.git'), indexFile: join(dir, 'temp-index') });
    const read = (p: string): Promise<string> => (fs.readFile as (p: string, o: string) => Promise<string>)(p, 'utf8');
    assert.equal(await read(`${gitdir}/index`), 'the temporary index\n');
    assert.equal(await read(`${gitdir}/refs/heads/main`), 'common ref\n');
    assert.equal(await read(`${gitdir}/HEAD`), 'worktree head\n');
    assert.deepEqual(await (fs.readdir as (p: string) => Promise<string[]>)(`${gitdir}/refs/heads`), ['main']);
  });

  test('redirects map exact paths; every write is refused with GIT', async () => {
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'real'), 'redirected\n');
    const fs = mappedFs(layout, new Map([['/virtual/config', join(dir, 'real')]]));
    assert.equal(await (fs.readFile as (p: string, o: string) => Promise<string>)('/virtual/config', 'utf8'), 'redirected\n');
    for (const write of [fs.writeFile, fs.mkdir, fs.rmdir, fs.unlink, fs.symlink]) {
      await assert.rejects((write as (p: string) => Promise<unknown>)(`${layout.gitdir}/index`), (e: unknown) => {
        assert.ok(e instanceof DesignGateError);
        assert.equal(e.code, 'GIT');
        assert.match(e.message, /designgate never writes to the repository/);
        return true;
      });
    }
  });
});

describe('locate', () => {
  test('a linked worktree: its own gitdir, the main .git as common dir', async () => {
    const r = repo({ 'a.txt': 'a\n' });
    const wt = join(tempDir(), 'wt');
    r.git('worktree', 'add', '-q', wt);
    const layout = await locate(join(wt), gitEnv(), noConfig);
    assert.deepEqual(layout, {
      root: wt,
      gitdir: join(r.dir, '.git/worktrees/wt'),
      commondir: join(r.dir, '.git'),
      indexFile: join(r.dir, '.git/worktrees/wt/index'),
    });
  });

  test('GIT_INDEX_FILE is relative to the top level (as git reads it), even from a subfolder', async () => {
    const r = repo({ 'sub/a.txt': 'a\n' });
    const layout = await locate(join(r.dir, 'sub'), gitEnv({ GIT_INDEX_FILE: '.git/index.lock' }), noConfig);
    assert.equal(layout.root, r.dir);
    assert.equal(layout.indexFile, join(r.dir, '.git/index.lock'));
  });

  test('GIT_DIR alone makes the current directory the top level', async () => {
    const r = repo({ 'a.txt': 'a\n' });
    const cwd = tempDir();
    const layout = await locate(cwd, gitEnv({ GIT_DIR: join(r.dir, '.git') }), noConfig);
    assert.equal(layout.root, cwd);
    assert.equal(layout.gitdir, join(r.dir, '.git'));
  });
});
