import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { byCodeUnit, hasErrors, sortProblems, type Problem, problemsFromCauses, uniqueProblems } from '../../core/problem.js';

const p = (file: string, ruleId: string, extra: Partial<Problem> = {}): Problem => ({ file, ruleId, severity: 'error', message: 'm', ...extra });

describe('sortProblems', () => {
  test('orders by file, line (absent first), column, rule id', () => {
    const input = [
      p('b.md', 'r1'),
      p('a.md', 'z', { line: 2, column: 1 }),
      p('a.md', 'y', { line: 2, column: 1 }),
      p('a.md', 'x', { line: 1, column: 7 }),
      p('a.md', 'w', { line: 1, column: 3 }),
      p('a.md', 'v'),
    ];
    const sorted = sortProblems(input);
    assert.deepEqual(
      sorted.map((q) => `${q.file}:${q.line ?? '-'}:${q.column ?? '-'}:${q.ruleId}`),
      ['a.md:-:-:v', 'a.md:1:3:w', 'a.md:1:7:x', 'a.md:2:1:y', 'a.md:2:1:z', 'b.md:-:-:r1'],
    );
  });

  test('returns a copy and leaves the input alone', () => {
    const input = [p('b', 'r'), p('a', 'r')];
    const sorted = sortProblems(input);
    assert.notEqual(sorted, input);
    assert.deepEqual(input.map((q) => q.file), ['b', 'a']);
  });
});

describe('hasErrors', () => {
  test('false for none and for warnings only', () => {
    assert.equal(hasErrors([]), false);
    assert.equal(hasErrors([p('a', 'r', { severity: 'warning' })]), false);
  });
  test('true with one error among warnings', () => {
    assert.equal(hasErrors([p('a', 'r', { severity: 'warning' }), p('b', 'r')]), true);
  });
});

describe('sortProblems is locale-independent', () => {
  test('paths compare by code unit, like git: upper case before lower, "/" before "_"', () => {
    const sorted = sortProblems([p('lib/my_app_web/a.ex', 'r'), p('a.md', 'r'), p('lib/my_app/z.ex', 'r'), p('B.md', 'r'), p('lib/å.ex', 'r'), p('lib/z.ex', 'r')]);
    assert.deepEqual(sorted.map((q) => q.file), ['B.md', 'a.md', 'lib/my_app/z.ex', 'lib/my_app_web/a.ex', 'lib/z.ex', 'lib/å.ex']);
  });

  test('byCodeUnit orders strings the same way, and 0 only for equal strings', () => {
    assert.deepEqual(['lib/å.ex', 'b', 'lib/my_app_web', 'B', 'lib/my_app/x', 'a'].sort(byCodeUnit), ['B', 'a', 'b', 'lib/my_app/x', 'lib/my_app_web', 'lib/å.ex']);
    assert.equal(byCodeUnit('x', 'x'), 0);
    assert.equal(byCodeUnit('e\u0301', '\u00e9'), -1);
  });
});

describe('problemsFromCauses', () => {
  test('keeps positions only where known, and the fix only when given', () => {
    const causes = [
      { file: 'x.md', line: 3, column: 5, message: 'duplicate key' },
      { file: 'x.md', message: 'no frontmatter' },
    ];
    assert.deepEqual(problemsFromCauses(causes, { file: 'docs/x.md', ruleId: 'story-shape', severity: 'warning', fix: 'add it' }), [
      { file: 'docs/x.md', line: 3, column: 5, ruleId: 'story-shape', severity: 'warning', message: 'duplicate key', fix: 'add it' },
      { file: 'docs/x.md', ruleId: 'story-shape', severity: 'warning', message: 'no frontmatter', fix: 'add it' },
    ]);
    assert.equal('fix' in (problemsFromCauses(causes, { file: 'f', ruleId: 'r', severity: 'error', fix: undefined })[0] ?? {}), false);
  });
});

describe('uniqueProblems', () => {
  test('keeps the first of each file, rule and message, in order', () => {
    const a = p('a.md', 'r', { message: 'one' });
    const later = p('a.md', 'r', { message: 'one', severity: 'warning' });
    const b = p('a.md', 'r', { message: 'two' });
    const c = p('b.md', 'r', { message: 'one' });
    assert.deepEqual(uniqueProblems([a, b, later, c]), [a, b, c]);
  });

  test('compares messages as the caller says: here without the commit they were found in', () => {
    const first = p('a.md', 'r', { message: 'in 0123456789ab: x' });
    const again = p('a.md', 'r', { message: 'in ba9876543210: x' });
    assert.deepEqual(uniqueProblems([first, again]), [first, again]);
    assert.deepEqual(uniqueProblems([first, again], (q) => q.message.replace(/^in [0-9a-f]{12}: /, '')), [first]);
  });
});

