import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readImports } from '../../../core/boundaries/imports.js';

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
});
