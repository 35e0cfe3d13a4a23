import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { VFile } from 'vfile';
import { closest, keySpan, lineSpan, report, ruleMeta, scalarSpan } from '../../../lint-rules/support/report.js';
import type { DesignDocument } from '../../../lint-rules/support/document.js';

const doc = (...lines: string[]) => ({ lines: () => lines }) as unknown as DesignDocument;
const span = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, column: c1 }, end: { line: l2, column: c2 } });

describe('spans', () => {
  test('plain, quoted and flow scalars, stopping at a comment', () => {
    const d = doc('status: drafty   # oops', 'a: "x \\" y"', "b: 'it''s'", 'c: [US-1, "US-2"]', 'd: {k: v}');
    assert.deepEqual(scalarSpan(d, { line: 1, column: 9 }), span(1, 9, 1, 15));
    assert.deepEqual(scalarSpan(d, { line: 2, column: 4 }), span(2, 4, 2, 12));
    assert.deepEqual(scalarSpan(d, { line: 3, column: 4 }), span(3, 4, 3, 11));
    assert.deepEqual(scalarSpan(d, { line: 4, column: 5 }), span(4, 5, 4, 9));
    assert.deepEqual(scalarSpan(d, { line: 4, column: 11 }), span(4, 11, 4, 17));
    assert.deepEqual(scalarSpan(d, { line: 4, column: 4 }), span(4, 4, 4, 18));
    assert.deepEqual(scalarSpan(d, { line: 5, column: 4 }), span(5, 4, 5, 10));
  });

  test('a key before its value, plain or quoted, and a block key itself', () => {
    const d = doc('owner: jane', '"depend_on": []', '  note:', 'x: {note: 1}');
    assert.deepEqual(keySpan(d, { line: 1, column: 8 }, 'owner'), span(1, 1, 1, 6));
    assert.deepEqual(keySpan(d, { line: 2, column: 14 }, 'depend_on'), span(2, 1, 2, 12));
    assert.deepEqual(keySpan(d, { line: 3, column: 3 }, 'note'), span(3, 3, 3, 7));
    assert.deepEqual(keySpan(d, { line: 4, column: 11 }, 'note'), span(4, 5, 4, 9));
    assert.deepEqual(keySpan(d, { line: 1, column: 8 }, 'missing'), span(1, 8, 1, 8));
  });

  test('a line without its BOM or trailing blanks', () => {
    assert.deepEqual(lineSpan(doc('\uFEFF----  '), 1), span(1, 1, 1, 5));
    assert.deepEqual(lineSpan(doc(), 3), span(3, 1, 3, 1));
  });
});

describe('closest', () => {
  test('a near miss or a case-only difference; nothing for a tie, a short word or a far one', () => {
    assert.equal(closest('core/erors', ['core/errors', 'core/digest']), 'core/errors');
    assert.equal(closest('us-10', ['US-10', 'US-1']), 'US-10');
    assert.equal(closest('US-9', ['US-1', 'US-2']), undefined);
    assert.equal(closest('ab', ['abc']), undefined);
    assert.equal(closest('sessions/orchestrator', ['core/errors']), undefined);
  });
});

describe('report and ruleMeta', () => {
  test('a message at a span, with expected only when given', () => {
    const file = new VFile();
    report(file, 'Unexpected a, expected b', span(1, 1, 1, 2), ['b']);
    report(file, 'Unexpected c, expected d', { line: 2, column: 1 });
    report(file, 'Unexpected e, expected f', { line: 3, column: 1 }, []);
    assert.deepEqual(file.messages.map((m) => [m.reason, m.line, m.column, m.expected]), [
      ['Unexpected a, expected b', 1, 1, ['b']],
      ['Unexpected c, expected d', 2, 1, undefined],
      ['Unexpected e, expected f', 3, 1, undefined],
    ]);
  });

  test('origin and docs anchor', () => {
    assert.deepEqual(ruleMeta('known-stories'), {
      origin: 'designgate:known-stories',
      url: 'https://github.com/designgate/designgate/blob/main/docs/rules.md#known-stories',
    });
  });
});
