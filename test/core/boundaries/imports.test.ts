import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readImports } from '../../../core/boundaries/imports.js';

const typescriptLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((f) => /node_modules\/typescript\/lib\/typescript\.js$/.test(f));

describe('readImports', () => {
  test('ES imports, export-from, type-only, side-effect, require and literal dynamic import, with positions', () => {
    const text = [
      'import a from "./a.js";',
      "export { b } from '../b';",
      'const c = require("./c");',
      'const d = await import("./d.js");',
      'import type { T } from "./t.js";',
      'export * from "./star.js";',
      'import "./side.js";',
    ].join('\n');
    assert.deepEqual(readImports(text), [
      { specifier: './a.js', line: 1, column: 15 },
      { specifier: '../b', line: 2, column: 19 },
      { specifier: './c', line: 3, column: 19 },
      { specifier: './d.js', line: 4, column: 24 },
      { specifier: './t.js', line: 5, column: 24 },
      { specifier: './star.js', line: 6, column: 15 },
      { specifier: './side.js', line: 7, column: 8 },
    ]);
  });

  test('a lexer, not a regex: imports in comments and strings are not imports, a computed import is skipped', () => {
    const text = '// import x from "./nope";\n/* require("./no2") */\nconst s = "import y from \'./str\'";\nconst m = import(name);\n';
    assert.deepEqual(readImports(text), []);
  });

  test('TypeScript and JSX syntax around the imports: casts, generics, decorators, import = require, TSX', () => {
    const ts = [
      'import x = require("./eq");',
      '@decorate() class A { m<T>(v: T) { return <T>v; } }',
      'const f = async <T,>(a: T): Promise<T> => (await import(`./tpl.js`)) as T;',
      'export type { Y } from "./types-only";',
    ].join('\n');
    assert.deepEqual(readImports(ts, 'a.ts'), [
      { specifier: './eq', line: 1, column: 20 },
      { specifier: './tpl.js', line: 3, column: 57 },
      { specifier: './types-only', line: 4, column: 24 },
    ]);
    const tsx = 'import React from "react";\nexport const B = () => <div className="import(\'./no\')">{require("./yes")}</div>;\n';
    assert.deepEqual(readImports(tsx, 'b.tsx').map((r) => r.specifier), ['react', './yes']);
    const cjs = 'const a = require("./a.cjs");\nif (!a) return;\nmodule.exports = a;\n';
    assert.deepEqual(readImports(cjs, 'c.cjs').map((r) => r.specifier), ['./a.cjs']);
  });

  test('ordinary files never load the typescript package; a file the parser cannot read falls back to its scanner', () => {
    readImports('import a from "./a.js";\n', 'a.ts');
    assert.equal(typescriptLoaded(), false);
    const broken = 'import a from "./a.js";\nfunction (((\nexport { b } from "./b.js";\n';
    assert.deepEqual(readImports(broken, 'broken.ts').map((r) => r.specifier), ['./a.js', './b.js']);
    assert.equal(typescriptLoaded(), true);
  });
});
