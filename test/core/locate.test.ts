import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { locateFile } from '../../core/locate.js';
import { DesignGateError } from '../../core/errors.js';
import { makeRepo } from '../helpers/repo.js';

const rootRules = { components: [{ code: 'lib/{path}.ex', design: 'docs/design/{path}.md', test: 'test/{path}_test.exs' }] };
const pkgRules = { components: [{ code: 'src/{path}.ts', design: 'design/{path}.md', test: 'src/{path}.test.ts' }] };
const repo = makeRepo({
  '.designrc.json': JSON.stringify(rootRules),
  'lib/my_app/a.ex': 'a',
  'packages/a/.designrc.json': JSON.stringify(pkgRules),
  'packages/a/src/x.ts': 'x',
});
const bare = makeRepo({ 'packages/a/.designrc.json': JSON.stringify(pkgRules), 'packages/bad/.designrc.json': '{ "components": "no" }\n' });
after(() => {
  repo.cleanup();
  bare.cleanup();
});

describe('locateFile', () => {
  test('a path under the root config', () => {
    const l = locateFile(repo.dir, 'lib/my_app/a.ex');
    assert.equal(l.prefix, '');
    assert.equal(l.local, 'lib/my_app/a.ex');
    assert.equal(l.config.file, join(repo.dir, '.designrc.json'));
    assert.deepEqual(l.config.components, rootRules.components);
  });

  test('a path in a package gets the nearest config, its prefix and the package-relative path', () => {
    const l = locateFile(repo.dir, 'packages/a/src/x.ts');
    assert.equal(l.prefix, 'packages/a/');
    assert.equal(l.local, 'src/x.ts');
    assert.equal(l.config.root, join(repo.dir, 'packages/a'));
    assert.deepEqual(l.config.components, pkgRules.components);
  });

  test('a file that does not exist yet, in folders that do not exist yet', () => {
    const l = locateFile(repo.dir, 'packages/a/src/new/deep/y.ts');
    assert.deepEqual([l.prefix, l.local], ['packages/a/', 'src/new/deep/y.ts']);
  });

  test('a path above every config: CONFIG naming designgate init', () => {
    assert.throws(() => locateFile(bare.dir, 'tools/x.ts'), (e: unknown) => {
      assert.ok(e instanceof DesignGateError);
      assert.equal(e.code, 'CONFIG');
      assert.equal(e.message, 'no .designrc.json governs tools/x.ts');
      assert.match(e.fix ?? '', /`designgate init`/);
      return true;
    });
  });

  test('a malformed config: its CONFIG error, named by its repository path', () => {
    assert.throws(() => locateFile(bare.dir, 'packages/bad/src/x.ts'), (e: unknown) => {
      assert.ok(e instanceof DesignGateError);
      assert.equal(e.code, 'CONFIG');
      assert.ok(e.causes.length > 0);
      assert.equal(e.causes[0]?.file, 'packages/bad/.designrc.json');
      return true;
    });
  });
});
