import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync, rmSync, statSync, chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { committedMode, compareStamps, dirtyPaths, restorePaths, stampTree } from '../../generators/tree-guard.js';
import { makeRepo, type TempRepo } from '../helpers/repo.js';
import { sessionEnv } from '../helpers/code-project.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
function repo(): TempRepo {
  const r = makeRepo({ 'a.txt': 'a\n', 'b.txt': 'b\n', '.gitignore': 'build/\n' });
  repos.push(r);
  return r;
}
const env = sessionEnv();

describe('the tree guard (E12)', () => {
  test('stamps what differs from HEAD, not clean files, ignored output nor designgate\'s own folder', async () => {
    const r = repo();
    r.write({ 'new.txt': 'n\n', 'a.txt': 'changed\n', 'build/out.js': 'x', '.designgate/sessions/x/steps.jsonl': '' });
    const stamps = await stampTree(r.dir, env);
    assert.deepEqual([...stamps.keys()].sort(), ['a.txt', 'new.txt']);
    assert.equal(stamps.get('new.txt')!.status, '??');
  });

  test('compareStamps: changed, added, removed — clean or dirty before', async () => {
    const r = repo();
    r.write({ 'u.txt': 'untracked\n', 'b.txt': 'dirty\n' });
    const before = await stampTree(r.dir, env);
    await new Promise((res) => setTimeout(res, 20));
    writeFileSync(join(r.dir, 'a.txt'), 'A\n');
    writeFileSync(join(r.dir, 'b.txt'), 'dirtier\n');
    rmSync(join(r.dir, '.gitignore'));
    rmSync(join(r.dir, 'u.txt'));
    writeFileSync(join(r.dir, 'c.txt'), 'c\n');
    assert.deepEqual(compareStamps(before, await stampTree(r.dir, env)), { changed: ['a.txt', 'b.txt'], added: ['c.txt'], removed: ['.gitignore', 'u.txt'] });
    assert.deepEqual(compareStamps(before, await stampTree(r.dir, env)).added, ['c.txt']);
  });

  test('committedMode: the executable bit as committed', async () => {
    const r = repo();
    chmodSync(join(r.dir, 'a.txt'), 0o755);
    r.git('add', 'a.txt');
    r.git('commit', '-qm', 'x');
    assert.equal(await committedMode(r.dir, env, 'HEAD', 'a.txt'), 0o755);
    assert.equal(await committedMode(r.dir, env, 'HEAD', 'b.txt'), 0o644);
    assert.equal(await committedMode(r.dir, env, 'HEAD', 'nope.txt'), undefined);
  });

  test('dirtyPaths: modified, staged, untracked and deleted files', async () => {
    const r = repo();
    r.write({ 'a.txt': 'changed\n', 'u/new.txt': 'n' });
    rmSync(join(r.dir, 'b.txt'));
    r.write({ 'staged.txt': 's' });
    r.git('add', 'staged.txt');
    assert.deepEqual(await dirtyPaths(r.dir, env), ['a.txt', 'b.txt', 'staged.txt', 'u/new.txt']);
  });

  test('restorePaths: content and mode back, created files removed, merely touched files left', async () => {
    const r = repo();
    writeFileSync(join(r.dir, 'a.txt'), 'clobbered\n');
    chmodSync(join(r.dir, 'a.txt'), 0o600);
    writeFileSync(join(r.dir, 'made.txt'), 'x');
    rmSync(join(r.dir, 'b.txt'));
    const baseline = async (p: string) => (p === 'made.txt' ? null : { data: Buffer.from(`${p[0]}\n`), mode: 0o644 });
    const report = await restorePaths(r.dir, ['a.txt', 'b.txt', 'made.txt', '.gitignore'], async (p) => (p === '.gitignore' ? { data: Buffer.from('build/\n'), mode: statSync(join(r.dir, '.gitignore')).mode } : baseline(p)));
    assert.deepEqual(report, { restored: ['a.txt', 'b.txt'], removed: ['made.txt'], untouched: ['.gitignore'], failed: [] });
    assert.equal(readFileSync(join(r.dir, 'a.txt'), 'utf8'), 'a\n');
    assert.equal(statSync(join(r.dir, 'a.txt')).mode & 0o777, 0o644);
    assert.equal(existsSync(join(r.dir, 'made.txt')), false);
  });

  test('restorePaths: a path that cannot be put back is reported, the others still are', async () => {
    const r = repo();
    writeFileSync(join(r.dir, 'a.txt'), 'x');
    mkdirSync(join(r.dir, 'd'));
    const report = await restorePaths(r.dir, ['d', 'a.txt'], async (p) => {
      if (p === 'd') throw new Error('no baseline');
      return { data: Buffer.from('a\n'), mode: 0o644 };
    });
    assert.deepEqual(report.restored, ['a.txt']);
    assert.deepEqual(report.failed, [{ path: 'd', reason: 'no baseline' }]);
  });
});
