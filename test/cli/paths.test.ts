import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { toRepoRelative } from '../../cli/paths.js';
import { DesignGateError } from '../../core/errors.js';
import { makeTempDir } from '../helpers/repo.js';

const base = makeTempDir();
const root = join(base, 'repo');
mkdirSync(join(root, 'lib/my_app'), { recursive: true });
mkdirSync(join(base, 'repo-other'), { recursive: true });
symlinkSync(join(root, 'lib'), join(base, 'link-to-lib'));
after(() => rmSync(base, { recursive: true, force: true }));

function outside(fn: () => unknown, path: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof DesignGateError);
    assert.equal(e.code, 'USAGE');
    assert.equal(e.message, `${path} is outside the repository`);
    assert.equal(e.fix, 'give a path inside the repository');
    return true;
  });
}

describe('toRepoRelative', () => {
  test('a relative path from the root', () => assert.equal(toRepoRelative(root, root, 'lib/my_app/a.ex'), 'lib/my_app/a.ex'));
  test('a relative path from a subfolder', () => assert.equal(toRepoRelative(root, join(root, 'lib'), 'my_app/a.ex'), 'lib/my_app/a.ex'));
  test('. and .. that stay inside', () => {
    assert.equal(toRepoRelative(root, join(root, 'lib/my_app'), '../../docs/./x.md'), 'docs/x.md');
    assert.equal(toRepoRelative(root, join(root, 'lib'), '.'), 'lib');
  });
  test('an absolute path inside', () => assert.equal(toRepoRelative(root, base, join(root, 'lib/a.ex')), 'lib/a.ex'));
  test('the root itself is the empty path', () => {
    assert.equal(toRepoRelative(root, root, '.'), '');
    assert.equal(toRepoRelative(root, join(root, 'lib'), '..'), '');
  });
  test('a trailing slash is dropped', () => assert.equal(toRepoRelative(root, root, 'lib/'), 'lib'));
  test('.. above the root is refused', () => outside(() => toRepoRelative(root, root, '../x'), '../x'));
  test('an absolute path elsewhere is refused', () => outside(() => toRepoRelative(root, root, '/etc/passwd'), '/etc/passwd'));
  test('a sibling whose name starts with the root name is outside', () => {
    outside(() => toRepoRelative(root, root, '../repo-other/a.ex'), '../repo-other/a.ex');
  });
  test('a current directory reached through a symlink maps inside', () => {
    assert.equal(toRepoRelative(root, join(base, 'link-to-lib'), 'my_app/a.ex'), 'lib/my_app/a.ex');
  });
});
