import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { unifiedDiff } from '../../generators/diff.js';

describe('unifiedDiff', () => {
  test('equal files: no diff', () => {
    assert.equal(unifiedDiff('a', 'x\n', 'x\n'), '');
  });
  test('one changed line', () => {
    assert.equal(unifiedDiff('x.js', 'a\n', 'b\n'), '--- a/x.js\n+++ b/x.js\n@@ -1,1 +1,1 @@\n-a\n+b\n');
  });
  test('a new file and a removed file', () => {
    assert.equal(unifiedDiff('x.js', undefined, 'b\nc\n'), '--- /dev/null\n+++ b/x.js\n@@ -0,0 +1,2 @@\n+b\n+c\n');
    assert.equal(unifiedDiff('x.js', 'b\n', undefined), '--- a/x.js\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-b\n');
  });
  test('distant changes make separate hunks with three lines of context', () => {
    const a = `${Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n')}\n`;
    const b = a.replace('l3\n', 'L3\n').replace('l15\n', '');
    const d = unifiedDiff('y', a, b)!;
    assert.equal((d.match(/^@@/gm) ?? []).length, 2);
    assert.match(d, /@@ -1,7 \+1,7 @@\n l0\n l1\n l2\n-l3\n\+L3\n l4\n l5\n l6\n/);
    assert.match(d, /@@ -13,7 \+13,6 @@\n l12\n l13\n l14\n-l15\n l16/);
  });
  test('files too large to diff here: undefined', () => {
    const big = 'x\n'.repeat(3000);
    assert.equal(unifiedDiff('big', big, `${big}y\n`), undefined);
  });
});
