import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { alignmentMessages as m } from '../../../core/messages/alignment.js';

/** Every entry rendered with sample arguments, so a new entry without a row fails the count below. */
const rendered: Record<keyof typeof m, string> = {
  scenarioWithoutTest: m.scenarioWithoutTest('reads it', 'docs/design/a.md', 'test/a.test.ts'),
  scenarioWithoutTestFix: m.scenarioWithoutTestFix('reads it', 'docs/design/a.md', 'test/a.test.ts'),
  testWithoutScenario: m.testWithoutScenario('parser reads', 'test/a.test.ts', 'docs/design/a.md'),
  testWithoutScenarioFix: m.testWithoutScenarioFix('parser reads', 'test/a.test.ts', 'docs/design/a.md'),
};

describe('alignmentMessages', () => {
  test('Every entry is rendered by the test (a new entry without a row fails).', () => {
    assert.deepEqual(Object.keys(rendered).sort(), Object.keys(m).sort());
    for (const text of Object.values(rendered)) assert.match(text, /^[^\n]+[^.\n]$/);
  });

  test('The exact wording of both problems and their fixes.', () => {
    assert.equal(rendered.scenarioWithoutTest, 'the scenario "reads it" of docs/design/a.md has no test named after it in test/a.test.ts');
    assert.equal(rendered.scenarioWithoutTestFix, 'add a test named "reads it" to test/a.test.ts, or remove the scenario from docs/design/a.md (see docs/alignment.md for how names match)');
    assert.equal(rendered.testWithoutScenario, 'the test "parser reads" in test/a.test.ts traces to no scenario of docs/design/a.md');
    assert.equal(rendered.testWithoutScenarioFix, 'add "- parser reads" under "## Test Scenarios" in docs/design/a.md, or rename the test after a scenario');
  });
});
