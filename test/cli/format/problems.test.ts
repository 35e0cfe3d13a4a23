import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { stripVTControlCharacters } from 'node:util';
import { formatProblemsJson, formatProblemsText, summarise } from '../../../cli/format/problems.js';
import type { Problem } from '../../../core/problem.js';

const problems: Problem[] = [
  { file: 'docs/design/a.md', line: 3, column: 7, ruleId: 'design-unreadable', severity: 'error', message: "duplicate key 'type'", fix: 'fix the frontmatter' },
  { file: 'lib/my_app/b.ex', ruleId: 'missing-test', severity: 'warning', message: 'lib/my_app/b.ex has no test: expected test/my_app/b_test.exs', fix: 'create test/my_app/b_test.exs' },
  { file: 'docs/design/c.md', line: 9, ruleId: 'unknown-type', severity: 'error', message: "unknown component type 'x'" },
];

const plain = [
  "docs/design/a.md:3:7: error duplicate key 'type' [design-unreadable]",
  '  fix: fix the frontmatter',
  'lib/my_app/b.ex: warning lib/my_app/b.ex has no test: expected test/my_app/b_test.exs [missing-test]',
  '  fix: create test/my_app/b_test.exs',
  "docs/design/c.md:9: error unknown component type 'x' [unknown-type]",
  '',
].join('\n');

describe('formatProblemsText', () => {
  test('without colour: one line per problem, the fix indented below, no ANSI codes', () => {
    const text = formatProblemsText(problems, false);
    assert.equal(text, plain);
    assert.equal(stripVTControlCharacters(text), text);
  });

  test('with colour: the same text under red errors, yellow warnings and dim rule ids', () => {
    const text = formatProblemsText(problems, true);
    assert.equal(stripVTControlCharacters(text), plain);
    assert.ok(text.includes('\u001b[31merror\u001b[39m'), 'red error');
    assert.ok(text.includes('\u001b[33mwarning\u001b[39m'), 'yellow warning');
    assert.ok(text.includes('\u001b[2m[missing-test]\u001b[22m'), 'dim rule id');
  });

  test('no problems is the empty string', () => {
    assert.equal(formatProblemsText([], false), '');
    assert.equal(formatProblemsText([], true), '');
  });
});

describe('formatProblemsJson', () => {
  test('round-trips to the same problems, newline-terminated', () => {
    const text = formatProblemsJson(problems);
    assert.ok(text.endsWith('}\n'));
    assert.deepEqual(JSON.parse(text), { problems });
  });
  test('an empty list', () => assert.deepEqual(JSON.parse(formatProblemsJson([])), { problems: [] }));
});

describe('summarise', () => {
  test('counts and pluralises', () => {
    assert.equal(summarise(problems), '2 errors, 1 warning');
    assert.equal(summarise([]), '0 errors, 0 warnings');
    assert.equal(summarise([problems[2]!]), '1 error, 0 warnings');
  });
});
