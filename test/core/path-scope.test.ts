import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inScope } from '../../core/path-scope.js';

test('undefined paths select every file', () => {
  assert.equal(inScope('a/b.ts', undefined), true);
});

test('a file selects itself; a folder what lies under it, not a sibling with its prefix', () => {
  assert.equal(inScope('src/a.ts', ['src/a.ts']), true);
  assert.equal(inScope('src/a.tsx', ['src/a.ts']), false);
  assert.equal(inScope('src/a/b.ts', ['src/a']), true);
  assert.equal(inScope('src/a/b.ts', ['src/a/']), true);
  assert.equal(inScope('src/ab/c.ts', ['src/a']), false);
  assert.equal(inScope('lib/x.ex', ['src', 'lib']), true);
});

test("'.' and '' select the whole repository", () => {
  assert.equal(inScope('deep/x.md', ['.']), true);
  assert.equal(inScope('deep/x.md', ['']), true);
});
