import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, findConfigFile, groupByConfig } from '../../../core/config/discover.js';
import { DesignGateError } from '../../../core/errors.js';
import { makeRepo, makeTempDir, writeTree } from '../../helpers/repo.js';

const tsRule = (prefix = '') => JSON.stringify({ components: [{ code: `${prefix}src/{path}.ts`, design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }] });

describe('findConfigFile', () => {
  const dir = makeTempDir();
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeTree(dir, {
    [`repo/${CONFIG_FILE}`]: tsRule(),
    [`repo/packages/a/${CONFIG_FILE}`]: tsRule(),
    'repo/packages/a/src/deep/x.ts': '',
    'repo/packages/b/src/y.ts': '',
    [`repo/packages/c/${CONFIG_FILE}/not-a-file`]: '',
    [CONFIG_FILE]: tsRule(), // above the repository: never used
    'other/z.ts': '',
  });
  const repo = join(dir, 'repo');

  test('the nearest config at or above the folder', () => {
    assert.equal(findConfigFile(join(repo, 'packages/a/src/deep'), repo), join(repo, 'packages/a', CONFIG_FILE));
    assert.equal(findConfigFile(join(repo, 'packages/a'), repo), join(repo, 'packages/a', CONFIG_FILE));
    assert.equal(findConfigFile(join(repo, 'packages/b/src'), repo), join(repo, CONFIG_FILE));
    assert.equal(findConfigFile(repo, repo), join(repo, CONFIG_FILE));
  });

  test('a folder named .designrc.json is not a config', () => {
    assert.equal(findConfigFile(join(repo, 'packages/c'), repo), join(repo, CONFIG_FILE));
  });

  test('never above stopAt, and nothing for a folder outside it', () => {
    rmSync(join(repo, CONFIG_FILE));
    try {
      assert.equal(findConfigFile(join(repo, 'packages/b/src'), repo), undefined);
      assert.equal(findConfigFile(join(dir, 'other'), repo), undefined);
      assert.equal(findConfigFile(join(repo, '..'), repo), undefined);
    } finally {
      writeTree(dir, { [`repo/${CONFIG_FILE}`]: tsRule() });
    }
  });
});

describe('groupByConfig', () => {
  test('a monorepo: each file is governed by its nearest config', () => {
    const repo = makeRepo({
      [`packages/a/${CONFIG_FILE}`]: tsRule(),
      'packages/a/src/x.ts': '',
      'packages/a/docs/design/x.md': '',
      [`packages/b/${CONFIG_FILE}`]: JSON.stringify({ preset: 'go' }),
      'packages/b/cmd/main.go': '',
      'packages/b/nested/deeper/y.go': '',
      'README.md': '',
      'tools/build.sh': '',
    });
    try {
      const files = repo.git('ls-files').trim().split('\n');
      const { groups, ungoverned } = groupByConfig(repo.dir, files);
      assert.deepEqual(
        groups.map((g) => [g.config.root, g.config.file, g.files]),
        [
          [join(repo.dir, 'packages/a'), join(repo.dir, 'packages/a', CONFIG_FILE), [CONFIG_FILE, 'docs/design/x.md', 'src/x.ts']],
          [join(repo.dir, 'packages/b'), join(repo.dir, 'packages/b', CONFIG_FILE), [CONFIG_FILE, 'cmd/main.go', 'nested/deeper/y.go']],
        ],
      );
      assert.equal(groups[1]?.config.preset, 'go');
      assert.deepEqual(ungoverned, ['README.md', 'tools/build.sh']);
    } finally {
      repo.cleanup();
    }
  });

  test('a root config governs everything no nearer config claims', () => {
    const dir = makeTempDir();
    try {
      writeTree(dir, { [CONFIG_FILE]: tsRule(), [`packages/a/${CONFIG_FILE}`]: tsRule() });
      const { groups, ungoverned } = groupByConfig(dir, ['src/a.ts', 'packages/a/src/b.ts', 'packages/ab/src/c.ts']);
      assert.deepEqual(groups.map((g) => g.files), [['src/a.ts', 'packages/ab/src/c.ts'], ['src/b.ts']]);
      assert.deepEqual(ungoverned, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a malformed config throws its CONFIG error, named relative to the repository', () => {
    const dir = makeTempDir();
    try {
      writeTree(dir, { [`pkg/${CONFIG_FILE}`]: '{ "preset": "go", }' });
      assert.throws(
        () => groupByConfig(dir, ['pkg/main.go']),
        (e: DesignGateError) => e.code === 'CONFIG' && e.message === 'pkg/.designrc.json: invalid configuration' && e.causes[0]?.file === 'pkg/.designrc.json',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('readText discovers configs as another source has them (a commit, the index)', () => {
    const dir = makeTempDir();
    try {
      // the work tree has a config at the top, the "commit" only one in pkg/
      writeTree(dir, { [CONFIG_FILE]: tsRule() });
      const atCommit = new Map([[join(dir, 'pkg', CONFIG_FILE), JSON.stringify({ preset: 'python' })]]);
      const { groups, ungoverned } = groupByConfig(dir, ['pkg/src/m.py', 'top.ts'], { readText: (f) => atCommit.get(f) });
      assert.deepEqual(groups.map((g) => [g.config.preset, g.files]), [['python', ['src/m.py']]]);
      assert.deepEqual(ungoverned, ['top.ts']);
      assert.equal(readFileSync(join(dir, CONFIG_FILE), 'utf8'), tsRule());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('no files, no groups', () => {
    const dir = makeTempDir();
    try {
      assert.deepEqual(groupByConfig(dir, []), { groups: [], ungoverned: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
