/**
 * Test names of a TS/JS test file (node:test, Jest, Vitest) from a real syntax tree, never a
 * regular expression: a `test(` in a string or a comment is no test. The tree comes from
 * `@babel/parser` (core/script-syntax), which loads in tens of milliseconds; only a file it cannot
 * read falls back to the `typescript` package's parser, whose start-up (hundreds of milliseconds)
 * an ordinary commit of a TS test should not pay.
 */
import { createRequire } from 'node:module';
import type * as TS from 'typescript';
import type { TestCase } from './match.js';
import { childrenOf, parseScript, sourceOf, type ScriptNode } from '../script-syntax.js';

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
export function readTypeScriptTests(text: string, fileName = 'test.ts', options: { parser?: 'babel' | 'typescript' } = {}): TestCase[] {
  const file = options.parser === 'typescript' ? undefined : parseScript(text, fileName);
  return file === undefined ? readWithTypeScript(text, fileName) : readWithBabel(text, file.program);
}

function readWithBabel(text: string, program: ScriptNode): TestCase[] {
  const tests: TestCase[] = [];
  // Recursive like the tree (a test file nests a few levels); `inTest` as in the TypeScript reader.
  const visit = (node: ScriptNode, path: readonly string[], inTest: boolean): void => {
    if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression') {
      const args = node['arguments'] as ScriptNode[];
      const role = babelRole(node['callee'] as ScriptNode, inTest);
      const name = role === undefined ? undefined : babelName(text, args[0]);
      if (role !== undefined && name !== undefined) {
        if (role === 'test') tests.push({ path: [...path, name], line: node.loc?.start.line ?? 1 });
        for (const arg of args.slice(1)) visit(arg, [...path, name], role === 'test');
        visit(node['callee'] as ScriptNode, path, inTest);
        return;
      }
    }
    for (const child of childrenOf(node)) visit(child, path, inTest);
  };
  visit(program, [], false);
  return tests;
}

/** What a callee is, on Babel's tree: a test, a group, or neither. */
function babelRole(callee: ScriptNode, inTest: boolean): 'test' | 'group' | undefined {
  let e = callee;
  if (e.type === 'CallExpression') e = e['callee'] as ScriptNode;
  const chain: string[] = [];
  while ((e.type === 'MemberExpression' || e.type === 'OptionalMemberExpression') && e['computed'] !== true && (e['property'] as ScriptNode).type === 'Identifier') {
    chain.unshift((e['property'] as ScriptNode)['name'] as string);
    e = e['object'] as ScriptNode;
  }
  if (e.type !== 'Identifier') return undefined;
  return roleOfChain(e['name'] as string, chain, inTest);
}

/** A string or template literal's text; a template with substitutions keeps its source. */
function babelName(text: string, arg: ScriptNode | undefined): string | undefined {
  if (arg === undefined) return undefined;
  if (arg.type === 'StringLiteral') return arg['value'] as string;
  if (arg.type === 'TemplateLiteral') {
    const quasis = arg['quasis'] as Array<{ value: { cooked: string | null } }>;
    if ((arg['expressions'] as unknown[]).length === 0) return quasis[0]?.value.cooked ?? undefined;
    return sourceOf(text, arg).slice(1, -1);
  }
  return undefined;
}

/** The role of a callee `base.chain…`, the same for both parsers. */
function roleOfChain(base: string, chain: readonly string[], inTest: boolean): 'test' | 'group' | undefined {
  if (chain.every((m) => MODIFIERS.has(m))) {
    if (TESTS.has(base)) return 'test';
    if (GROUPS.has(base)) return 'group';
  }
  // node:test's subtests: `t.test('name', …)` on the test context, inside a test.
  if (inTest && chain[0] === 'test' && !TESTS.has(base) && !GROUPS.has(base) && chain.slice(1).every((m) => MODIFIERS.has(m))) return 'test';
  return undefined;
}

/** The same reading with the `typescript` package's parser, for files Babel cannot read. */
function readWithTypeScript(text: string, fileName: string): TestCase[] {
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
  return t.isIdentifier(e) ? roleOfChain(e.text, chain, inTest) : undefined;
}

/** A string or template literal's text; a template with substitutions keeps its source. */
function nameOf(t: typeof TS, arg: TS.Expression | undefined, source: TS.SourceFile): string | undefined {
  if (arg === undefined) return undefined;
  if (t.isStringLiteral(arg) || t.isNoSubstitutionTemplateLiteral(arg)) return arg.text;
  if (t.isTemplateExpression(arg)) return arg.getText(source).slice(1, -1);
  return undefined;
}
