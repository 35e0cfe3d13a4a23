import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { alignComponent, scenarioGaps } from '../../../core/alignment/check.js';

const design = (...scenarios: string[]) => `---\ntype: module\nstatus: draft\n---\n\n## Purpose\nP.\n\n## Test Scenarios\n${scenarios.map((s) => `- ${s}\n`).join('')}`;
const pair = (designText: string, testText: string, test = 'test/a.test.ts') => ({ design: 'docs/design/a.md', designText, test, testText });

describe('alignComponent', () => {
  test('scenario without a test and test without a scenario, with files, lines, severity and fixes', () => {
    const problems = alignComponent(pair(design('reads it', 'writes it'), "test('reads it', () => {});\n\ntest('renamed', () => {});\n"), 'error');
    assert.deepEqual(problems, [
      {
        file: 'docs/design/a.md',
        line: 11,
        ruleId: 'scenario-without-test',
        severity: 'error',
        message: 'the scenario "writes it" of docs/design/a.md has no test named after it in test/a.test.ts',
        fix: 'add a test named "writes it" to test/a.test.ts, or remove the scenario from docs/design/a.md (see docs/alignment.md for how names match)',
      },
      {
        file: 'test/a.test.ts',
        line: 3,
        ruleId: 'test-without-scenario',
        severity: 'error',
        message: 'the test "renamed" in test/a.test.ts traces to no scenario of docs/design/a.md',
        fix: 'add "- renamed" under "## Test Scenarios" in docs/design/a.md, or rename the test after a scenario',
      },
    ]);
  });

  test('a Go or pytest test name is suggested as a scenario in words', () => {
    const [problem] = alignComponent(pair(design(), 'func TestKeepsNoDefaults(t *testing.T) {}\n', 'a_test.go'), 'warn');
    assert.equal(problem?.message, 'the test "KeepsNoDefaults" in a_test.go traces to no scenario of docs/design/a.md');
    assert.equal(problem?.fix, 'add "- keeps no defaults" under "## Test Scenarios" in docs/design/a.md, or rename the test after a scenario');
  });

  test('the gate level decides the severity, and off reports nothing', () => {
    const p = pair(design('reads it'), '');
    assert.deepEqual(alignComponent(p, 'warn').map((x) => x.severity), ['warning']);
    assert.deepEqual(alignComponent(p, 'off'), []);
  });

  test('a design without the section or a test of an unknown kind is not judged', () => {
    assert.deepEqual(alignComponent(pair('---\ntype: module\n---\n## Purpose\nP.\n', "test('x', () => {});\n"), 'error'), []);
    assert.deepEqual(alignComponent(pair(design('reads it'), "it 'x' do\nend\n", 'spec/a_spec.rb'), 'error'), []);
    assert.equal(scenarioGaps('## Purpose\n', 'test/a.test.ts', ''), undefined);
    assert.deepEqual(scenarioGaps(design('reads it', 'writes it'), 'test/a.test.ts', "test('reads it', () => {});\n")?.map((s) => s.text), ['writes it']);
  });
});
