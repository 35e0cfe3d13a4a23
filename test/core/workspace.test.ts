import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkspace, toRepoPath } from '../../core/workspace.js';
import { DesignGateError } from '../../core/errors.js';
import { gitEnv, makeRepo, makeTempDir, type TempRepo, type Tree } from '../helpers/repo.js';

const env = gitEnv();
const rules = JSON.stringify({ components: [{ code: 'src/{path}.ts', design: 'docs/{path}.md', test: 'test/{path}.test.ts' }] });
const cleanup: Array<() => void> = [];
after(() => cleanup.forEach((f) => f()));
function repo(tree: Tree): TempRepo {
  const r = makeRepo(tree);
  cleanup.push(() => r.cleanup());
  return r;
}
function rejectsWith(promise: Promise<unknown>, code: string, message: string | RegExp, fix?: RegExp) {
  return assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof DesignGateError);
    assert.equal(e.code, code);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    if (fix) assert.match(e.fix ?? '', fix);
    return true;
  });
}

describe('loadWorkspace', () => {
  test('one config: one group with prefix "", files relative to the root, gitignored files absent', async () => {
    const r = repo({ '.designrc.json': rules, '.gitignore': 'dist/\n', 'src/a.ts': 'a', 'dist/a.js': 'built' });
    r.write({ 'src/untracked.ts': 'new' });
    const ws = await loadWorkspace({ cwd: r.dir, env });
    assert.equal(ws.repoRoot, r.dir);
    assert.deepEqual(ws.ungoverned, []);
    assert.equal(ws.groups.length, 1);
    const [g] = ws.groups;
    assert.equal(g?.prefix, '');
    assert.equal(g?.config.file, join(r.dir, '.designrc.json'));
    assert.deepEqual(g?.files, ['.designrc.json', '.gitignore', 'src/a.ts', 'src/untracked.ts']);
  });

  test('from a subfolder it finds the same root', async () => {
    const r = repo({ '.designrc.json': rules, 'src/deep/a.ts': 'a' });
    const ws = await loadWorkspace({ cwd: join(r.dir, 'src/deep'), env });
    assert.equal(ws.repoRoot, r.dir);
    assert.deepEqual(ws.groups[0]?.files, ['.designrc.json', 'src/deep/a.ts']);
  });

  test('a monorepo: a group per package with its prefix and package-relative files; the rest is ungoverned', async () => {
    const r = repo({
      'README.md': '# mono\n',
      'packages/a/.designrc.json': rules,
      'packages/a/src/x.ts': 'x',
      'packages/b/.designrc.json': rules,
      'packages/b/src/y.ts': 'y',
      'packages/b/nested/c/.designrc.json': rules,
      'packages/b/nested/c/src/z.ts': 'z',
    });
    const ws = await loadWorkspace({ cwd: r.dir, env });
    assert.deepEqual(
      ws.groups.map((g) => [g.prefix, g.files]),
      [
        ['packages/a/', ['.designrc.json', 'src/x.ts']],
        ['packages/b/', ['.designrc.json', 'src/y.ts']],
        ['packages/b/nested/c/', ['.designrc.json', 'src/z.ts']],
      ],
    );
    assert.deepEqual(ws.ungoverned, ['README.md']);
    assert.equal(ws.groups[1]?.config.root, join(r.dir, 'packages/b'));
  });

  test('outside a repository: GIT with the fix', async () => {
    const dir = makeTempDir();
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    await rejectsWith(loadWorkspace({ cwd: dir, env }), 'GIT', `${dir} is not inside a git repository`, /`git init`/);
  });

  test('no config: CONFIG naming designgate init', async () => {
    const r = repo({ 'src/a.ts': 'a' });
    await rejectsWith(loadWorkspace({ cwd: r.dir, env }), 'CONFIG', `no .designrc.json governs ${r.dir}`, /`designgate init`/);
  });

  test('a malformed config: its CONFIG error with located causes', async () => {
    const r = repo({ 'packages/a/.designrc.json': '{ "components": 1 }\n', 'packages/a/x.ts': 'x' });
    await assert.rejects(loadWorkspace({ cwd: r.dir, env }), (e: unknown) => {
      assert.ok(e instanceof DesignGateError);
      assert.equal(e.code, 'CONFIG');
      assert.ok(e.causes.length > 0);
      for (const c of e.causes) {
        assert.equal(c.file, 'packages/a/.designrc.json');
        assert.equal(typeof c.line, 'number');
      }
      return true;
    });
  });
});

describe('toRepoPath', () => {
  test('joins the group prefix and the file', () => {
    assert.equal(toRepoPath({ prefix: '' }, 'src/a.ts'), 'src/a.ts');
    assert.equal(toRepoPath({ prefix: 'packages/a/' }, 'src/a.ts'), 'packages/a/src/a.ts');
  });
});
