/**
 * The matching rule of design ↔ test alignment (documented in docs/alignment.md): both sides are
 * normalised, then a test covers a scenario when one of its names (its own, or its describe path
 * joined in front) equals the scenario or begins it at a word boundary. The scenario is the
 * contract, so a longer test name never covers a shorter scenario.
 */
import type { Scenario } from './scenarios.js';

/** One test as a reader finds it: describe names outside-in, then its own name; the 1-based line of its call. */
export interface TestCase {
  path: string[];
  line: number;
}

export interface Alignment {
  scenariosWithoutTest: Scenario[];
  testsWithoutScenario: TestCase[];
}

/**
 * NFKC, camelCase split, lower case, apostrophes dropped, other punctuation, symbols and `_` to
 * spaces, spaces collapsed.
 * @example normaliseName('TestParseConfig_with CRLF!') // 'test parse config with crlf'
 */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/(\p{Ll}|\p{Nd})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/[\p{P}\p{S}\p{Z}\s_]+/gu, ' ')
    .trim();
}

/** Whether a normalised name covers a normalised scenario: equal, or its start at a word boundary. */
function covers(name: string, scenario: string): boolean {
  return name !== '' && (scenario === name || scenario.startsWith(`${name} `));
}

/** The joins of a path's suffixes: `[a, b, c]` → `c`, `b c`, `a b c`. */
function suffixNames(path: readonly string[]): string[] {
  const parts = path.map(normaliseName);
  const names: string[] = [];
  for (let i = parts.length - 1; i >= 0; i--) names.push(parts.slice(i).filter((p) => p !== '').join(' '));
  return names;
}

/**
 * @example alignTests([{ text: 'reads the config', line: 9 }], [{ path: ['reads the config'], line: 3 }])
 *   // { scenariosWithoutTest: [], testsWithoutScenario: [] }
 */
export function alignTests(scenarios: readonly Scenario[], tests: readonly TestCase[]): Alignment {
  const wanted = scenarios.map((s) => normaliseName(s.text));
  const covered = new Set<number>();
  const traced = new Set<TestCase>();
  for (const test of tests) {
    const own = suffixNames(test.path);
    wanted.forEach((scenario, i) => {
      if (own.some((name) => covers(name, scenario))) {
        covered.add(i);
        traced.add(test);
      }
    });
    // A describe around the test that names a scenario exactly covers it, and traces the test.
    for (let depth = 1; depth < test.path.length; depth++) {
      const groupNames = suffixNames(test.path.slice(0, depth));
      wanted.forEach((scenario, i) => {
        if (scenario !== '' && groupNames.includes(scenario)) {
          covered.add(i);
          traced.add(test);
        }
      });
    }
  }
  // A test that holds subtests (Go's t.Run, node:test's t.test) is their group: it traces when one of them does.
  for (const test of tests) {
    if (!traced.has(test) && tests.some((sub) => traced.has(sub) && sub.path.length > test.path.length && test.path.every((p, k) => sub.path[k] === p))) traced.add(test);
  }
  return {
    scenariosWithoutTest: scenarios.filter((_, i) => !covered.has(i)),
    testsWithoutScenario: tests.filter((t) => !traced.has(t)),
  };
}
