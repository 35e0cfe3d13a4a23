import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readTypeScriptTests } from '../../../core/alignment/typescript.js';

// Every scenario holds for both readers: Babel's tree (the fast path) and the TypeScript parser (the fallback).
for (const parser of ['babel', 'typescript'] as const) {
const names = (text: string, file?: string) => readTypeScriptTests(text, file, { parser }).map((t) => `${t.line}:${t.path.join(' > ')}`);

describe(`readTypeScriptTests (${parser})`, () => {
  test('test, it, describe and suite with skip, only and todo, nested describe paths and lines', () => {
    const text = [
      "import { describe, test, it, suite } from 'node:test';",
      "describe('parser', () => {",
      "  test('reads', () => {});",
      "  it.skip('skips', () => {});",
      "  describe.only('errors', () => {",
      "    it.todo('names the line');",
      "    test.only(\"says why\", async () => {});",
      '  });',
      '});',
      "suite('other', () => { it('works', () => {}); });",
      "test('top level', () => {});",
    ].join('\n');
    assert.deepEqual(names(text), ['3:parser > reads', '4:parser > skips', '6:parser > errors > names the line', '7:parser > errors > says why', '10:other > works', '11:top level']);
  });

  test('test.each keeps the template, and template literals are names', () => {
    const text = ["test.each([[1, 2]])('adds %i and %i', (a, b) => {});", 'it(`plain template`, () => {});', 'describe.each([1])(`group ${1}`, () => { it(`case ${x}`, () => {}); });'].join('\n');
    assert.deepEqual(names(text), ['1:adds %i and %i', '2:plain template', '3:group ${1} > case ${x}']);
  });

  test('a computed name, a test in a comment or a string, and other calls are not tests', () => {
    const text = ["// test('commented', () => {});", "const s = \"test('in a string', () => {})\";", 'test(name, () => {});', "expect.test('nope');", "foo('x', () => { bar('y'); });", "describe.skip.whatever('odd', () => {});"].join('\n');
    assert.deepEqual(names(text), []);
  });

  test('node:test subtests through the context and JSX files', () => {
    const ts = "test('outer', async (t) => {\n  await t.test('inner', () => {});\n});\n";
    assert.deepEqual(names(ts), ['1:outer', '2:outer > inner']);
    const jsx = "describe('view', () => { it('renders', () => { render(<App title=\"x\" />); }); });\n";
    assert.deepEqual(names(jsx, 'view.test.jsx'), ['1:view > renders']);
    assert.deepEqual(names(jsx, 'view.test.tsx'), ['1:view > renders']);
  });
});
}

describe('readTypeScriptTests: which parser', () => {
  test('a file Babel cannot read is still read, by the TypeScript parser', () => {
    const broken = "test('still found', () => {});\nfunction (((\n";
    assert.deepEqual(readTypeScriptTests(broken, 'x.test.ts').map((t) => t.path.join(' > ')), ['still found']);
  });
});
