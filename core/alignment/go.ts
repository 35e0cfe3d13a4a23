/**
 * Test names of a Go test file: top-level `func TestXxx(t *testing.T)` and the subtests it runs with
 * `<t>.Run("name", …)`, nested by the call that holds them. A small scanner skips comments,
 * interpreted and raw strings and runes, so a `t.Run` in a comment is no subtest.
 */
import { lineOf, lineStarts } from '../text-position.js';
import type { TestCase } from './match.js';

/** `TestXxx` where Xxx does not start with a lower-case letter; `TestMain` sets the package up and is no test. */
const TEST_FUNC = /(?<![\w.])func[ \t]+(Test(?![\p{Ll}])(?!Main[ \t]*\()\w*)[ \t]*\(/uy;
const RUN = /\.Run[ \t]*\([ \t\r\n]*/y;

/**
 * @example readGoTests('func TestParse(t *testing.T) {\n\tt.Run("empty", func(t *testing.T) {})\n}\n')
 *   // [{ path: ['Parse'], line: 1 }, { path: ['Parse', 'empty'], line: 2 }]
 */
export function readGoTests(text: string): TestCase[] {
  const starts = lineStarts(text);
  const tests: TestCase[] = [];
  let braces = 0;
  let parens = 0;
  /** The test function being read (its name and the brace depth of its body), and open subtests by paren depth. */
  let current: { name: string; depth: number } | undefined;
  const runs: Array<{ name: string; parens: number }> = [];
  let i = 0;
  let m: RegExpExecArray | null;
  const lineAt = (pos: number) => lineOf(starts, pos) + 1;

  while (i < text.length) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else if (c === '"' || c === "'" || c === '`') {
      readString();
    } else if (c === '{') {
      braces++;
      i++;
    } else if (c === '}') {
      braces--;
      i++;
      if (current !== undefined && braces < current.depth) current = undefined;
    } else if (c === '(') {
      parens++;
      i++;
    } else if (c === ')') {
      parens--;
      i++;
      while (runs.length > 0 && runs[runs.length - 1]!.parens > parens) runs.pop();
    } else if (braces === 0 && c === 'f' && (m = matchAt(TEST_FUNC)) !== null) {
      current = { name: m[1]!.slice('Test'.length), depth: 1 };
      tests.push({ path: [current.name], line: lineAt(i) });
      i += m[0].length;
      parens++;
    } else if (current !== undefined && c === '.' && (m = matchAt(RUN)) !== null) {
      const at = i;
      i += m[0].length;
      parens++;
      const q = text[i];
      if (q === '"' || q === '`') {
        const name = readString();
        runs.push({ name, parens });
        tests.push({ path: [current.name, ...runs.map((r) => r.name)], line: lineAt(at) });
      }
    } else i++;
  }
  return tests;

  function matchAt(re: RegExp): RegExpExecArray | null {
    re.lastIndex = i;
    return re.exec(text);
  }

  /** Reads a string, raw string or rune at the cursor; returns its value (escapes as written). */
  function readString(): string {
    const q = text[i]!;
    const from = ++i;
    while (i < text.length && text[i] !== q) i += q !== '`' && text[i] === '\\' ? 2 : 1;
    return text.slice(from, i++);
  }
}
