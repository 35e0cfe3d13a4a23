import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { childrenOf, lineColumnOf, parseScript, sourceOf, walkScript, type ScriptNode } from '../../core/script-syntax.js';

const types = (node: ScriptNode): string[] => {
  const out: string[] = [];
  walkScript(node, (n) => void out.push(n.type));
  return out;
};

describe('parseScript', () => {
  test('parses TS with type-only syntax, TSX, JS with JSX, CommonJS with a top-level return, decorators', () => {
    assert.ok(parseScript('import type { A } from "./a";\nlet x: A | undefined;\nexport interface I { a: string }\n', 'a.ts'));
    assert.ok(parseScript('export const C = <T,>(p: T) => <div>{String(p)}</div>;\n', 'c.tsx'));
    assert.ok(parseScript('export const D = () => <span />;\n', 'd.js'));
    assert.ok(parseScript('const x = require("./x");\nif (!x) return;\nmodule.exports = x;\n', 'e.cjs'));
    assert.ok(parseScript('@sealed class F { @log m() {} }\n', 'f.ts'));
  });

  test('a .ts file with an angle-bracket cast is not read as JSX', () => {
    const file = parseScript('const n = <number>value;\n', 'cast.ts');
    assert.ok(file);
    assert.ok(types(file.program).includes('TSTypeAssertion'));
    assert.ok(!types(file.program).some((t) => t.startsWith('JSX')));
  });

  test('walks every node in source order and can skip a subtree', () => {
    const file = parseScript('a(1);\nb(function () { c(2); });\nd(3);\n', 'w.js')!;
    const called: string[] = [];
    walkScript(file.program, (n) => {
      if (n.type === 'CallExpression') called.push(((n['callee'] as ScriptNode)['name'] as string) ?? '?');
      // Do not look inside function bodies.
      return n.type !== 'FunctionExpression';
    });
    assert.deepEqual(called, ['a', 'b', 'd']);
    assert.deepEqual(childrenOf(file.program).map((n) => n.type), ['ExpressionStatement', 'ExpressionStatement', 'ExpressionStatement']);
  });

  test('text it cannot parse answers undefined instead of throwing', () => {
    assert.equal(parseScript('function (((\n', 'bad.ts'), undefined);
  });

  test('positions are 1-based lines and columns; sourceOf gives the text', () => {
    const text = 'const a = 1;\n  foo(`x${a}`);\n';
    const file = parseScript(text, 'p.ts')!;
    let template: ScriptNode | undefined;
    walkScript(file.program, (n) => void (n.type === 'TemplateLiteral' && (template = n)));
    assert.ok(template);
    assert.deepEqual(lineColumnOf(template), { line: 2, column: 7 });
    assert.equal(sourceOf(text, template), '`x${a}`');
  });
});
