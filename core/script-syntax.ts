/**
 * TS/JS syntax trees for the readers on the commit path (imports for boundary drift, test names for
 * alignment), from `@babel/parser`: it loads in tens of milliseconds where the `typescript`
 * package takes hundreds, and every staged TS/JS file pays that start-up in the pre-commit hook.
 * See docs/design/core/script-syntax.md.
 */
import { createRequire } from 'node:module';
import type { ParserOptions, ParserPlugin } from '@babel/parser';

/** A Babel AST node: enough of its shape for generic walking. */
export interface ScriptNode {
  type: string;
  start?: number | null;
  end?: number | null;
  loc?: { start: { line: number; column: number } } | null;
  [key: string]: unknown;
}

export type ScriptFile = ScriptNode & { program: ScriptNode };

type Parse = (text: string, options: ParserOptions) => ScriptFile;
let parse: Parse | undefined;

/**
 * @babel/parser, loaded on first use. In the bin's CommonJS bundle `require` exists, and esbuild
 * bundles the parser behind it: compiled into the code cache with the rest (bin/code-cache), ~10 ms
 * less on a commit the architecture gate reads. As an ES module (the library, the tests) there is
 * no `require`, and the package is loaded from node_modules.
 */
function babelParser(): unknown {
  return typeof require === 'function' ? require('@babel/parser') : createRequire(import.meta.url)('@babel/parser');
}

/** Keys that hold positions, comments or parser extras rather than child nodes. */
const NOT_CHILDREN = new Set(['loc', 'start', 'end', 'range', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'comments', 'tokens', 'errors']);

function plugins(fileName: string): ParserPlugin[] {
  const base: ParserPlugin[] = ['decorators-legacy', 'importAttributes', 'explicitResourceManagement'];
  if (/\.[cm]?tsx$/.test(fileName)) return ['typescript', 'jsx', ...base];
  // In a .ts file `<T>(x)` is a type assertion, not JSX.
  if (/\.[cm]?ts$/.test(fileName)) return ['typescript', ...base];
  return ['jsx', ...base];
}

/**
 * @example parseScript('import a from "./a.js";', 'x.ts')?.program.body.length // 1
 */
export function parseScript(text: string, fileName: string): ScriptFile | undefined {
  parse ??= (babelParser() as { parse: Parse }).parse;
  try {
    return parse(text, {
      // A module when it imports or exports, else a script (CommonJS, a top-level return).
      sourceType: 'unambiguous',
      plugins: plugins(fileName),
      errorRecovery: true,
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      allowImportExportEverywhere: true,
      allowUndeclaredExports: true,
    });
  } catch {
    return undefined;
  }
}

function isNode(value: unknown): value is ScriptNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Depth first, in source order; `visit` returning false skips the node's children.
 * @example walkScript(file.program, (n) => { if (n.type === 'CallExpression') calls++; })
 */
export function walkScript(node: ScriptNode, visit: (node: ScriptNode) => boolean | void): void {
  // An explicit stack: a deeply nested expression must not exhaust the call stack in a hook.
  const stack: ScriptNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (visit(current) === false) continue;
    const children = childrenOf(current);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** A node's child nodes, in source order. */
export function childrenOf(node: ScriptNode): ScriptNode[] {
  const children: ScriptNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (NOT_CHILDREN.has(key)) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) children.push(value);
  }
  return children.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
}

/** 1-based line and column of a node's start. */
export function lineColumnOf(node: ScriptNode): { line: number; column: number } {
  const start = node.loc?.start;
  return { line: start?.line ?? 1, column: (start?.column ?? 0) + 1 };
}

/** The node's source text. */
export function sourceOf(text: string, node: ScriptNode): string {
  return text.slice(node.start ?? 0, node.end ?? 0);
}
