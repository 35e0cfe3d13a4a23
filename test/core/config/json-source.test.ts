import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonSource, toPointer } from '../../../core/config/json-source.js';

describe('parseJsonSource', () => {
  test('parses what JSON.parse parses, to the same value', () => {
    const texts = [
      '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9\\"\\\\\\/"], "b": {"c": {}}, "d": []}',
      '[]',
      '"just a string"',
      '0',
      '\t{ "deep": [[[{"x": 1}]]] }\r\n',
    ];
    for (const text of texts) {
      const parsed = parseJsonSource(text);
      assert.deepEqual(parsed.problems, [], text);
      assert.equal(parsed.complete, true);
      assert.deepEqual(parsed.value, JSON.parse(text), text);
    }
  });

  test('records the line and column of every value and key', () => {
    const parsed = parseJsonSource('{\n  "components": [\n    { "code": 42 }\n  ]\n}');
    assert.deepEqual(parsed.locate(''), { path: [], value: { line: 1, column: 1 } });
    assert.deepEqual(parsed.locate('/components'), { path: ['components'], value: { line: 2, column: 17 }, key: { line: 2, column: 3 } });
    assert.deepEqual(parsed.locate('/components/0'), { path: ['components', 0], value: { line: 3, column: 5 } });
    assert.deepEqual(parsed.locate('/components/0/code'), {
      path: ['components', 0, 'code'],
      value: { line: 3, column: 15 },
      key: { line: 3, column: 7 },
    });
    assert.equal(parsed.locate('/nothing'), undefined);
  });

  test('escapes / and ~ in pointers as RFC 6901 (and ajv) do', () => {
    assert.equal(toPointer(['types', 'a/b', 'c~d', 0]), '/types/a~1b/c~0d/0');
    const parsed = parseJsonSource('{"a/b": {"c~d": 1}}');
    assert.deepEqual(parsed.locate('/a~1b/c~0d')?.value, { line: 1, column: 17 });
  });

  test('a duplicate key is reported at the second key and the last value wins, as in JSON.parse', () => {
    const parsed = parseJsonSource('{\n "a": 1,\n "g": {"x": 1, "x": 2},\n "a": 3\n}');
    assert.deepEqual(parsed.value, { a: 3, g: { x: 2 } });
    assert.deepEqual(parsed.problems, [
      { kind: 'duplicate-key', at: { line: 3, column: 16 }, path: ['g'], key: 'x', first: { line: 3, column: 8 } },
      { kind: 'duplicate-key', at: { line: 4, column: 2 }, path: [], key: 'a', first: { line: 2, column: 2 } },
    ]);
    assert.deepEqual(parsed.locate('/a')?.value, { line: 4, column: 7 });
  });

  test('trailing commas and comments are all reported, and the value is still produced', () => {
    const parsed = parseJsonSource('{ // one\n "a": [1, 2,], /* two\n */ "b": {"c": 1,},\n}');
    assert.equal(parsed.complete, true);
    assert.deepEqual(parsed.value, { a: [1, 2], b: { c: 1 } });
    assert.deepEqual(parsed.problems, [
      { kind: 'comment', at: { line: 1, column: 3 } },
      { kind: 'trailing-comma', at: { line: 2, column: 12 } },
      { kind: 'comment', at: { line: 2, column: 16 } },
      { kind: 'trailing-comma', at: { line: 3, column: 17 } },
      { kind: 'trailing-comma', at: { line: 3, column: 19 } },
    ]);
  });

  test('empty and whitespace-only text is empty, at 1:1', () => {
    for (const text of ['', '  \n\t\r\n', '\ufeff']) {
      const parsed = parseJsonSource(text);
      assert.equal(parsed.complete, false);
      assert.deepEqual(parsed.problems, [{ kind: 'empty', at: { line: 1, column: 1 } }], JSON.stringify(text));
    }
  });

  test('a byte-order mark is skipped and does not shift columns', () => {
    const parsed = parseJsonSource('\ufeff{"a": 1}');
    assert.deepEqual(parsed.value, { a: 1 });
    assert.deepEqual(parsed.locate('/a')?.key, { line: 1, column: 2 });
  });

  test('a syntax error stops the parser with what it found and what it expected', () => {
    const cases: Array<[string, { line: number; column: number }, string | undefined, string]> = [
      ['hello', { line: 1, column: 1 }, 'hello', 'value'],
      ['{"a": 1 "b": 2}', { line: 1, column: 9 }, '"', 'comma-or-object-end'],
      ['[1 2]', { line: 1, column: 4 }, '2', 'comma-or-array-end'],
      ['{a: 1}', { line: 1, column: 2 }, 'a', 'key'],
      ['{"a" 1}', { line: 1, column: 6 }, '1', 'colon'],
      ['{"a": "x', { line: 1, column: 7 }, undefined, 'string-end'],
      ['{"a": "x\ny"}', { line: 1, column: 9 }, '\n', 'escaped-control'],
      ['{"a": "\\q"}', { line: 1, column: 9 }, 'q', 'escape'],
      ['{"a": 01}', { line: 1, column: 7 }, '0', 'value'],
      ['{"a": tru}', { line: 1, column: 7 }, 'tru', 'value'],
      ['{"a": 1}}', { line: 1, column: 9 }, '}', 'end-of-file'],
      ['{"a": 1', { line: 1, column: 8 }, undefined, 'comma-or-object-end'],
      ['/* open', { line: 1, column: 1 }, undefined, 'comment-end'],
      ['[,]', { line: 1, column: 2 }, ',', 'value'],
    ];
    for (const [text, at, found, expected] of cases) {
      const parsed = parseJsonSource(text);
      assert.equal(parsed.complete, false, text);
      assert.equal(parsed.value, undefined);
      assert.deepEqual(parsed.problems.at(-1), { kind: 'syntax', at, found, expected }, text);
    }
  });

  test('problems found before a syntax error are kept', () => {
    const parsed = parseJsonSource('{"a": [1,], // c\n "b": }');
    assert.deepEqual(
      parsed.problems.map((p) => p.kind),
      ['trailing-comma', 'comment', 'syntax'],
    );
  });

  test('a key named __proto__ is data, not the prototype', () => {
    const parsed = parseJsonSource('{"__proto__": {"polluted": true}}');
    const value = parsed.value as Record<string, unknown>;
    assert.deepEqual(Object.keys(value), ['__proto__']);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
  });

  test('absurd nesting is refused instead of overflowing the stack', () => {
    const parsed = parseJsonSource('['.repeat(100_000));
    assert.equal(parsed.complete, false);
    assert.equal(parsed.problems.at(-1)?.kind, 'too-deep');
  });
});
