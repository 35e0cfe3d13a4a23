import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineOf, lineStarts } from '../../core/text-position.js';

test('lineStarts', () => {
  assert.deepEqual(lineStarts(''), [0]);
  assert.deepEqual(lineStarts('a\nb\n'), [0, 2, 4]);
  assert.deepEqual(lineStarts('ab\r\ncd'), [0, 4]);
});

test('lineOf finds the line of every offset', () => {
  const text = 'one\ntwo\n\nfour';
  const starts = lineStarts(text);
  const expected = [...text].map((_, i) => text.slice(0, i).split('\n').length - 1);
  assert.deepEqual([...text].map((_, i) => lineOf(starts, i)), expected);
  assert.equal(lineOf(starts, text.length + 5), 3, 'past the end: the last line');
});

test('a CRLF line keeps its \\r', () => {
  const starts = lineStarts('ab\r\ncd');
  assert.equal(lineOf(starts, 2), 0);
  assert.equal(lineOf(starts, 4), 1);
});
