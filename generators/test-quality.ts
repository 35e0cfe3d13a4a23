/**
 * A cheap gate on generated tests (F13): a model that cannot make code pass may make the tests
 * pass instead — skip them, assert nothing, assert `true`, or drop cases from an existing file.
 * These checks are textual and language-agnostic (JavaScript/TypeScript, Python, Elixir, Go,
 * Ruby, Rust); they catch the common evasions, not every one, which is why locked tests
 * (`generator.lockTests`) remain the real guard for a test file a person wrote.
 */
import { generatorMessages as m } from '../core/messages/generators.js';

const SKIPS: readonly RegExp[] = [
  /\b(?:it|test|describe|context|suite)\s*\.\s*(?:skip|todo|only)\b/,
  /\bx(?:it|describe|test)\s*\(/,
  /\{\s*(?:skip|todo)\s*:\s*(?:true|['"`])/,
  /@pytest\.mark\.(?:skip|xfail)\b/,
  /\bpytest\.skip\s*\(/,
  /@unittest\.skip/,
  /@tag\s+:?skip\b/,
  /\bt\.Skip(?:f|Now)?\s*\(/,
  /#\[ignore\]/,
];

const TRIVIAL: readonly RegExp[] = [
  /\bexpect\s*\(\s*(?:true|1|!0)\s*\)\s*\.\s*(?:toBe|toEqual|toBeTruthy)\s*\(\s*(?:true|1)?\s*\)/,
  /\bassert(?:\.ok)?\s*\(\s*true\s*\)/,
  /\bassert\.(?:equal|strictEqual|deepEqual|deepStrictEqual)\s*\(\s*(\d+|true|'[^']*'|"[^"]*")\s*,\s*\1\s*\)/,
  /\bassert\s+True\b/,
  /\bassert\s+true\b/,
  /\bself\.assertTrue\s*\(\s*True\s*\)/,
  /\bassert_eq!\s*\(\s*(\w+)\s*,\s*\1\s*\)/,
];

// Calls and statements, not mentions: `import assert from 'node:assert'` asserts nothing.
const ASSERTIONS =
  /\b(?:assert\w*(?:\.\w+)?\s*\(|expect\s*\(|refute\w*\s*[\s(]|t\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\s*\(|self\.assert\w+\s*\(|assert(?:_eq|_ne)?!\s*\()|\.should\b|^\s*assert\s+[^\s(=]/gm;

const CASES = /\b(?:it|test|describe)\s*\(|\bdef\s+test_\w+|\bfunc\s+Test\w+|^\s*test\s+"|#\[test\]/gm;

/** How many test cases a file declares (roughly: one per `test(`, `it(`, `def test_`, `func Test…`). */
export function countCases(text: string): number {
  return text.match(CASES)?.length ?? 0;
}

/**
 * Reasons to reject a generated test file; empty when it looks like a real test.
 * @example reviewGeneratedTest("test('x', () => { expect(true).toBe(true) })") // ['it asserts only constants …']
 */
export function reviewGeneratedTest(text: string, existing?: string): string[] {
  const reasons: string[] = [];
  if (SKIPS.some((r) => r.test(text))) reasons.push(m.testSkips);
  const assertions = text.match(ASSERTIONS)?.length ?? 0;
  const trivial = TRIVIAL.reduce((n, r) => n + (text.match(new RegExp(r.source, 'g'))?.length ?? 0), 0);
  if (assertions === 0) reasons.push(m.testAssertsNothing);
  else if (trivial > 0 && trivial >= assertions) reasons.push(m.testAssertsConstants);
  if (existing !== undefined) {
    const before = countCases(existing);
    const after = countCases(text);
    if (after < before) reasons.push(m.testDropsCases(before, after));
  }
  return reasons;
}
