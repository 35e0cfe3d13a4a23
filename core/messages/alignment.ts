/**
 * Sentences of the alignment gate (`gates.alignment`): a scenario of a design without a test named
 * after it, and a test that traces to no scenario, each with the edit that fixes it.
 */
export const alignmentMessages = {
  scenarioWithoutTest: (scenario: string, design: string, test: string) => `the scenario "${scenario}" of ${design} has no test named after it in ${test}`,
  scenarioWithoutTestFix: (scenario: string, design: string, test: string) =>
    `add a test named "${scenario}" to ${test}, or remove the scenario from ${design} (see docs/alignment.md for how names match)`,
  testWithoutScenario: (name: string, test: string, design: string) => `the test "${name}" in ${test} traces to no scenario of ${design}`,
  testWithoutScenarioFix: (name: string, test: string, design: string) =>
    `add "- ${name}" under "## Test Scenarios" in ${design}, or rename the test after a scenario`,
} as const;
