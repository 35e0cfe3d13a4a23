/** Problem[] → GitHub workflow commands: exact lines and escaping that no message can break out of. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { escapeData, escapeProperty, formatGithub } from '../../../cli/format/github.js';
import type { Problem } from '../../../core/problem.js';

const problems: Problem[] = [
  { file: 'docs/design/a.md', line: 3, column: 7, ruleId: 'approval-stale', severity: 'error', message: 'stale: 50% changed', fix: 'run `designgate approve docs/design/a.md`' },
  { file: 'src/a, b:c.ts', line: 2, ruleId: 'missing-test', severity: 'warning', message: 'two\nlines' },
  { file: '.designrc.json', ruleId: 'approval-unsigned-attestation', severity: 'warning', message: 'unsigned' },
];

describe('formatGithub', () => {
  test('one ::error or ::warning per problem with file, line, col and title; the fix on the next annotation line', () => {
    assert.equal(
      formatGithub(problems),
      [
        '::error file=docs/design/a.md,line=3,col=7,title=approval-stale::stale: 50%25 changed%0Afix: run `designgate approve docs/design/a.md`',
        '::warning file=src/a%2C b%3Ac.ts,line=2,title=missing-test::two%0Alines',
        '::warning file=.designrc.json,title=approval-unsigned-attestation::unsigned',
        '',
      ].join('\n'),
    );
  });

  test('no problems: no output', () => {
    assert.equal(formatGithub([]), '');
  });

  test('a message cannot start a second command', () => {
    const out = formatGithub([{ file: 'a', ruleId: 'r', severity: 'error', message: 'x\n::error file=evil::owned\r' }]);
    assert.equal(out.split('\n').length, 2);
    assert.ok(out.includes('%0A::error file=evil::owned%0D'));
  });

  test('escapeData and escapeProperty', () => {
    assert.equal(escapeData('%\r\n:,'), '%25%0D%0A:,');
    assert.equal(escapeProperty('%\r\n:,'), '%25%0D%0A%3A%2C');
  });
});
