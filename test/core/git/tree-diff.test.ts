import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { comparePaths, diffPairs, type TreeEntry } from '../../../core/git/tree-diff.js';

const file = (oid: string, mode = 0o100644): TreeEntry => ({ oid: oid.repeat(40).slice(0, 40), mode });
const oid = (c: string): string => c.repeat(40).slice(0, 40);

describe('diffPairs', () => {
  test('A, D, M; unchanged pairs are dropped', () => {
    assert.deepEqual(
      diffPairs([
        { path: 'same', before: file('1'), after: file('1') },
        { path: 'mod', before: file('1'), after: file('2') },
        { path: 'add', after: file('3') },
        { path: 'del', before: file('4') },
      ]),
      [
        { status: 'A', path: 'add', oid: oid('3') },
        { status: 'D', path: 'del' },
        { status: 'M', path: 'mod', oid: oid('2') },
      ],
    );
  });

  test('an exec-bit change is M; a file becoming a symlink or submodule is T', () => {
    assert.deepEqual(
      diffPairs([
        { path: 'x', before: file('1'), after: file('1', 0o100755) },
        { path: 'y', before: file('1'), after: file('1', 0o120000) },
        { path: 'z', before: file('1'), after: file('5', 0o160000) },
      ]).map((c) => c.status),
      ['M', 'T', 'T'],
    );
  });

  test('an exact rename is reported at its new path with the old one', () => {
    assert.deepEqual(diffPairs([{ path: 'b/new', after: file('1') }, { path: 'a/old', before: file('1') }]), [
      { status: 'R', path: 'b/new', oldPath: 'a/old', oid: oid('1') },
    ]);
  });

  test('identical sources: same basename first, else the first by path; each used once', () => {
    const changes = diffPairs([
      { path: 'src/one.txt', before: file('1') },
      { path: 'src/two.txt', before: file('1') },
      { path: 'dst/two.txt', after: file('1') },
      { path: 'dst/x.txt', after: file('1') },
      { path: 'dst/y.txt', after: file('1') },
    ]);
    assert.deepEqual(changes.map((c) => [c.status, c.path, c.oldPath]), [
      ['R', 'dst/two.txt', 'src/two.txt'],
      ['R', 'dst/x.txt', 'src/one.txt'],
      ['A', 'dst/y.txt', undefined],
    ]);
  });

  test('an exec-bit change still pairs (both regular); a symlink pairs only with a symlink', () => {
    assert.deepEqual(diffPairs([{ path: 'a', before: file('1') }, { path: 'b', after: file('1', 0o100755) }]).map((c) => c.status), ['R']);
    assert.deepEqual(diffPairs([{ path: 'a', before: file('1') }, { path: 'b', after: file('1', 0o120000) }]).map((c) => c.status), ['D', 'A']);
  });

  test('different content never pairs', () => {
    assert.deepEqual(diffPairs([{ path: 'a', before: file('1') }, { path: 'b', after: file('2') }]).map((c) => c.status), ['D', 'A']);
  });
});

describe('comparePaths', () => {
  test('orders by UTF-8 bytes, as git does, not by UTF-16 code units', () => {
    const paths = ['\u{1F600}.txt', '\uFF01.txt', 'a/b', 'a.b', 'a0'];
    assert.deepEqual([...paths].sort(comparePaths), ['a.b', 'a/b', 'a0', '\uFF01.txt', '\u{1F600}.txt']);
    // JavaScript's default order puts the emoji (a surrogate pair, 0xD83D…) before U+FF01.
    assert.deepEqual(['\uFF01.txt', '\u{1F600}.txt'].sort(), ['\u{1F600}.txt', '\uFF01.txt']);
  });
});
