/**
 * Test names of an ExUnit file: `test "…"` inside `describe "…" do … end`. A small lexer skips
 * comments, strings, charlists, heredocs and sigils (a `test "…"` in a heredoc is no test) and
 * counts `do`/`fn` … `end` to know which describe holds a test. core/boundaries/elixir has a lexer
 * too, but it looks for module references and hands out no string values.
 */
import { lineOf, lineStarts } from '../text-position.js';
import type { TestCase } from './match.js';

const WORD = /[\p{L}_][\p{L}\p{N}_]*[?!]?/uy;
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

/**
 * @example readExUnitTests('describe "parse/1" do\n  test "reads" do\n  end\nend\n') // [{ path: ['parse/1', 'reads'], line: 2 }]
 */
export function readExUnitTests(text: string): TestCase[] {
  const starts = lineStarts(text);
  const tests: TestCase[] = [];
  /** Open describes: their name and the block depth inside them. */
  const describes: Array<{ name: string; depth: number }> = [];
  let depth = 0;
  let i = 0;
  let prev = '';

  /** Skips a quoted body from just after its opening delimiter to `close`; returns its source. */
  const quoted = (close: string): string => {
    const from = i;
    while (i < text.length && text[i] !== close) {
      if (text[i] === '#' && text[i + 1] === '{') interpolation();
      else i += text[i] === '\\' ? 2 : 1;
    }
    i++;
    return text.slice(from, i - 1);
  };
  /** Skips `#{…}` in a string, braces counted, so a quote inside it does not end the string. */
  const interpolation = (): void => {
    let braces = 0;
    for (i += 2; i < text.length; i++) {
      if (text[i] === '{') braces++;
      else if (text[i] === '}' && braces-- === 0) break;
    }
    i++;
  };
  /** Skips a heredoc from just after its opening fence to a line holding only the fence. */
  const heredoc = (quote: string): void => {
    const end = new RegExp(`\\n[ \\t]*${quote}{3}`, 'g');
    end.lastIndex = i;
    const m = end.exec(text);
    i = m === null ? text.length : m.index + m[0].length;
  };
  /** A string literal at the cursor (the next non-blank character), or undefined. */
  const nameAt = (): string | undefined => {
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '(') i++;
    if (text[i] !== '"' || text.startsWith('"""', i)) return undefined;
    i++;
    return quoted('"');
  };

  while (i < text.length) {
    const c = text[i]!;
    if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === '"' || c === "'") {
      i++;
      if (text.startsWith(c.repeat(2), i)) {
        i += 2;
        heredoc(c);
      } else quoted(c);
    } else if (c === '~' && /[A-Za-z]/.test(text[i + 1] ?? '')) {
      i++;
      while (/[A-Za-z0-9]/.test(text[i] ?? '')) i++;
      const open = text[i] ?? '';
      i++;
      if ((open === '"' || open === "'") && text.startsWith(open.repeat(2), i)) {
        i += 2;
        heredoc(open);
      } else quoted(CLOSERS[open] ?? open);
    } else if (c === '?' && prev !== 'a') {
      i += text[i + 1] === '\\' ? 3 : 2;
    } else if (c === ':' && (text[i + 1] === '"' || text[i + 1] === "'")) {
      i += 2;
      quoted(text[i - 1]!);
    } else if (/[\p{L}_]/u.test(c)) {
      const at = i;
      WORD.lastIndex = i;
      const word = WORD.exec(text)![0];
      i += word.length;
      // `test:` is a keyword key and `x.test` a field: neither is ExUnit's macro.
      const keyword = text[i] === ':' && text[i + 1] !== ':';
      if (!keyword && prev !== '.') {
        if (word === 'do' || word === 'fn') depth++;
        else if (word === 'end') {
          depth = Math.max(0, depth - 1);
          while (describes.length > 0 && describes[describes.length - 1]!.depth > depth) describes.pop();
        } else if ((word === 'test' || word === 'describe') && /^[ \t(]/.test(text[i] ?? '')) {
          const name = nameAt();
          if (name !== undefined) {
            if (word === 'test') tests.push({ path: [...describes.map((d) => d.name), name], line: lineOf(starts, at) + 1 });
            // `describe "x" do`: its block is the next `do`, one deeper than here.
            else describes.push({ name, depth: depth + 1 });
          }
        }
      }
      prev = 'a';
      continue;
    } else {
      i++;
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') prev = c;
      continue;
    }
    prev = '"';
  }
  return tests;
}
