/**
 * Test names of a TS/JS test file (node:test, Jest, Vitest) from the syntax tree of the
 * `typescript` package's parser, never a regular expression: a `test(` in a string or a comment is
 * no test. `typescript` is loaded on first use only, so a commit without TS tests does not pay for it.
 */
import { createRequire } from 'node:module';
import type * as TS from 'typescript';
import type { TestCase } from './match.js';

const TESTS = new Set(['test', 'it']);
const GROUPS = new Set(['describe', 'suite']);
/** `test.skip(…)`, `it.only.each(…)(…)`: modifiers between the function and its call. */
const MODIFIERS = new Set(['skip', 'only', 'todo', 'concurrent', 'failing', 'fails', 'sequential', 'each', 'skipIf', 'runIf', 'for']);

let ts: typeof TS | undefined;

function typescript(): typeof TS {
  ts ??= createRequire(import.meta.url)('typescript') as typeof TS;
  return ts;
}

/**
 * @example readTypeScriptTests("describe('parser', () => { it('reads', () => {}); });")
 *   // [{ path: ['parser', 'reads'], line: 1 }]
 */
export function readTypeScriptTests(text: string, fileName = 'test.ts'): TestCase[] {
  const t = typescript();
  const kind = /\.[cm]?jsx?$/.test(fileName) ? (fileName.endsWith('x') ? t.ScriptKind.JSX : t.ScriptKind.JS) : fileName.endsWith('x') ? t.ScriptKind.TSX : t.ScriptKind.TS;
  const source = t.createSourceFile(fileName, text, t.ScriptTarget.Latest, false, kind);
  const tests: TestCase[] = [];

  /** `inTest`: inside a test's callback, where `<context>.test(…)` is a node:test subtest. */
  const visit = (node: TS.Node, path: readonly string[], inTest: boolean): void => {
    if (t.isCallExpression(node)) {
      const role = roleOf(t, node.expression, inTest);
      const name = role === undefined ? undefined : nameOf(t, node.arguments[0], source);
      if (role !== undefined && name !== undefined) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        if (role === 'test') tests.push({ path: [...path, name], line });
        // The rest of the call (the callback) lies inside this test or group.
        for (const arg of node.arguments.slice(1)) visit(arg, [...path, name], role === 'test');
        visit(node.expression, path, inTest);
        return;
      }
    }
    t.forEachChild(node, (child) => visit(child, path, inTest));
  };
  visit(source, [], false);
  return tests;
}

/** What a callee is: a test, a group, or neither. `test.each(table)` as a callee is its base. */
function roleOf(t: typeof TS, callee: TS.Expression, inTest: boolean): 'test' | 'group' | undefined {
  let e = callee;
  // `test.each(table)(name, fn)`: the callee is itself a call of a modifier.
  if (t.isCallExpression(e)) e = e.expression;
  const chain: string[] = [];
  while (t.isPropertyAccessExpression(e)) {
    chain.unshift(e.name.text);
    e = e.expression;
  }
  if (t.isIdentifier(e)) {
    const base = e.text;
    if (chain.every((m) => MODIFIERS.has(m))) {
      if (TESTS.has(base)) return 'test';
      if (GROUPS.has(base)) return 'group';
    }
    // node:test's subtests: `t.test('name', …)` on the test context, inside a test.
    if (inTest && chain[0] === 'test' && !TESTS.has(base) && !GROUPS.has(base) && chain.slice(1).every((m) => MODIFIERS.has(m))) return 'test';
  }
  return undefined;
}

/** A string or template literal's text; a template with substitutions keeps its source. */
function nameOf(t: typeof TS, arg: TS.Expression | undefined, source: TS.SourceFile): string | undefined {
  if (arg === undefined) return undefined;
  if (t.isStringLiteral(arg) || t.isNoSubstitutionTemplateLiteral(arg)) return arg.text;
  if (t.isTemplateExpression(arg)) return arg.getText(source).slice(1, -1);
  return undefined;
}
