/**
 * The alignment gate (`gates.alignment`): each scenario under a design's Test Scenarios section has
 * a test named after it in the component's test file, and each test traces to a scenario. Only
 * components whose design and test both exist are judged (a missing test is the completeness gate's
 * finding), drafts too: alignment is about the text, not the approval. Returns data; never prints.
 */
import type { GateLevel } from '../config/types.js';
import { alignmentMessages as m } from '../messages/alignment.js';
import type { Problem } from '../problem.js';
import { severityOf } from '../verify/snapshot.js';
import { alignTests, type Alignment } from './match.js';
import { readScenarios, type Scenario } from './scenarios.js';
import { readTestNames } from './test-names.js';
import type { ComponentStatus, ReadText } from '../structure.js';
import type { Workspace } from '../workspace.js';

/** One component's design and test, repository-relative, with their texts. */
export interface AlignmentPair {
  design: string;
  designText: string;
  test: string;
  testText: string;
}

function align(pair: AlignmentPair): Alignment | undefined {
  const scenarios = readScenarios(pair.designText);
  if (scenarios === undefined) return undefined;
  const tests = readTestNames(pair.test, pair.testText);
  if (tests === undefined) return undefined;
  return alignTests(scenarios, tests);
}

/**
 * @example alignComponent({ design: 'docs/design/a.md', designText, test: 'test/a.test.ts', testText }, 'warn')
 *   // [{ file: 'docs/design/a.md', line: 12, ruleId: 'scenario-without-test', severity: 'warning', … }]
 */
export function alignComponent(pair: AlignmentPair, level: GateLevel): Problem[] {
  if (level === 'off') return [];
  const found = align(pair);
  if (found === undefined) return [];
  const severity = severityOf(level);
  const { design, test } = pair;
  return [
    ...found.scenariosWithoutTest.map((s) => ({
      file: design,
      line: s.line,
      ruleId: 'scenario-without-test',
      severity,
      message: m.scenarioWithoutTest(s.text, design, test),
      fix: m.scenarioWithoutTestFix(s.text, design, test),
    })),
    ...found.testsWithoutScenario.map((t) => ({
      file: test,
      line: t.line,
      ruleId: 'test-without-scenario',
      severity,
      message: m.testWithoutScenario(t.path.join(' '), test, design),
      fix: m.testWithoutScenarioFix(t.path.map(asWords).join(' '), test, design),
    })),
  ];
}

/**
 * A name as a scenario line reads: an identifier (`keeps_no_defaults`, `KeepsNoDefaults`) as
 * lower-case words, any other name as written.
 * @example asWords('KeepsNoDefaults') // 'keeps no defaults'
 */
function asWords(name: string): string {
  if (!/^\w+$/u.test(name)) return name;
  return name
    .replace(/(\p{Ll}|\p{Nd})(\p{Lu})/gu, '$1 $2')
    .replace(/_+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * The scenarios without a test, for `trace`'s `untested` state; undefined when the pair is not judged.
 * @example scenarioGaps(designText, 'test/a.test.ts', testText)?.length // 1
 */
export function scenarioGaps(designText: string, test: string, testText: string): Scenario[] | undefined {
  return align({ design: '', designText, test, testText })?.scenariosWithoutTest;
}

/**
 * The work tree's components (as `checkStructure` found them, already scoped to the paths asked
 * for), each under the `gates.alignment` of the nearest config above its design.
 * @example await alignComponents(ws, structure.components, read)
 */
export async function alignComponents(ws: Workspace, components: readonly ComponentStatus[], read: ReadText): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const c of components) {
    if (!c.testExists || c.state.state === 'missing') continue;
    const group = ws.groups.filter((g) => c.design.startsWith(g.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
    const level = group?.config.gates.alignment ?? 'off';
    if (level === 'off') continue;
    const [designText, testText] = await Promise.all([read(c.design), read(c.test)]);
    if (designText === undefined || testText === undefined) continue;
    problems.push(...alignComponent({ design: c.design, designText, test: c.test, testText }, level));
  }
  return problems;
}
