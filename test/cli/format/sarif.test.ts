/** Problem[] → SARIF 2.1.0: the shape code-scanning tools read. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { formatSarif, SARIF_SCHEMA } from '../../../cli/format/sarif.js';
import type { Problem } from '../../../core/problem.js';

const problems: Problem[] = [
  { file: 'docs/design/a b.md', line: 3, column: 7, ruleId: 'approval-stale', severity: 'error', message: 'stale', fix: 'run `designgate approve`' },
  { file: 'src/a.ts', ruleId: 'missing-test', severity: 'warning', message: 'no test' },
  { file: 'src/b.ts', line: 1, ruleId: 'approval-stale', severity: 'error', message: 'stale too' },
];

describe('formatSarif', () => {
  test('one run by designgate, a rule per rule id, a result per problem', () => {
    const log = JSON.parse(formatSarif(problems, '1.2.3'));
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, SARIF_SCHEMA);
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'designgate');
    assert.equal(run.tool.driver.version, '1.2.3');
    assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), ['approval-stale', 'missing-test']);
    assert.deepEqual(run.results[0], {
      ruleId: 'approval-stale',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'stale\nfix: run `designgate approve`' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'docs/design/a%20b.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 7 } } }],
    });
    assert.equal(run.results[1].level, 'warning');
    assert.equal(run.results[1].ruleIndex, 1);
    assert.equal(run.results[1].locations[0].physicalLocation.region, undefined, 'no line: no region');
    assert.deepEqual(run.results[2].locations[0].physicalLocation.region, { startLine: 1 });
  });

  test('no problems: a valid log with no results', () => {
    const log = JSON.parse(formatSarif([], '0.1.0'));
    assert.deepEqual(log.runs[0].results, []);
    assert.deepEqual(log.runs[0].tool.driver.rules, []);
  });
});
