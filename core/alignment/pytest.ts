/**
 * Test names of a pytest file: `def test…` / `async def test…` at the top level or in `class Test…`
 * (nested classes too). A small scanner blanks comments and strings (triple-quoted too) first, so a
 * `def test_…` in a docstring is no test; a class holds the lines indented deeper than its own.
 */
import type { TestCase } from './match.js';

const DEF = /^([ \t]*)(?:async[ \t]+)?def[ \t]+(test\w*)[ \t]*\(/;
const CLASS = /^([ \t]*)class[ \t]+(\w+)/;
const CODE_LINE = /^([ \t]*)\S/;

/**
 * @example readPytestTests('class TestParser:\n    def test_reads(self):\n        pass\n') // [{ path: ['Parser', 'reads'], line: 2 }]
 */
export function readPytestTests(text: string): TestCase[] {
  const lines = codeOnly(text).split('\n');
  const tests: TestCase[] = [];
  /** Enclosing classes: name (undefined for a class pytest does not collect) and indentation. */
  const classes: Array<{ name: string | undefined; indent: number }> = [];
  lines.forEach((line, index) => {
    const code = CODE_LINE.exec(line);
    if (code === null) return;
    const indent = width(code[1]!);
    while (classes.length > 0 && classes[classes.length - 1]!.indent >= indent) classes.pop();
    const cls = CLASS.exec(line);
    if (cls !== null) {
      classes.push({ name: /^Test/.test(cls[2]!) ? strip(cls[2]!) : undefined, indent });
      return;
    }
    const def = DEF.exec(line);
    // A test method counts only when every enclosing class is one pytest collects.
    if (def === null || classes.some((c) => c.name === undefined)) return;
    tests.push({ path: [...classes.map((c) => c.name!), strip(def[2]!)], line: index + 1 });
  });
  return tests;
}

/** `test_reads_config` → `reads_config`, `TestParser` → `Parser`. */
function strip(name: string): string {
  return name.replace(/^test_?/i, '');
}

function width(indent: string): number {
  return indent.replace(/\t/g, '        ').length;
}

/**
 * The text with comments and string contents replaced by spaces, newlines kept, so lines and
 * indentation stay where they were and only code is left to match.
 */
function codeOnly(text: string): string {
  const out = text.split('');
  let i = 0;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '#') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const fence = triple ? c.repeat(3) : c;
      const from = i;
      i += fence.length;
      while (i < text.length && !text.startsWith(fence, i) && (triple || text[i] !== '\n')) i += text[i] === '\\' ? 2 : 1;
      i = Math.min(text.length, i + fence.length);
      blank(from, i);
    } else i++;
  }
  return out.join('');
}
