import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readGoImports, readGoModulePath } from '../../../core/boundaries/go.js';

const imports = (text: string) => readGoImports(text).map((i) => `${i.line}:${i.column} ${i.alias === undefined ? '' : `${i.alias} `}${i.path}`);

describe('readGoImports', () => {
  test('single imports, aliased, blank and dot imports, at the opening quote', () => {
    const text = '// Package page renders.\npackage page\n\nimport "fmt"\nimport billing "example.com/m/internal/billing"\nimport _ "embed"\nimport . "strings"\n\nfunc F() {}\n';
    assert.deepEqual(imports(text), ['4:8 fmt', '5:16 billing example.com/m/internal/billing', '6:10 _ embed', '7:10 . strings']);
  });

  test('grouped imports with comments between specs, several groups, semicolons, raw and escaped strings', () => {
    const text = [
      '//go:build linux',
      '',
      '/* a block comment: import "not/this" */',
      'package main',
      'import (',
      '\t"fmt" // the printer',
      '\t/* import "not/this/either" */',
      '\tcore "example.com/m/internal/core"',
      '',
      '\t_ `example.com/m/internal/raw`; "os"',
      ')',
      'import ("example.com/m/\\x69nternal/esc")',
      'import "C"',
    ].join('\n');
    assert.deepEqual(imports(text), [
      '6:2 fmt',
      '8:7 core example.com/m/internal/core',
      '10:4 _ example.com/m/internal/raw',
      '10:34 os',
      '12:9 example.com/m/internal/esc',
      '13:8 C',
    ]);
  });

  test('imports in comments, strings and code after the declarations are not read; a file without imports reads none', () => {
    const text = 'package p\n\nimport "fmt"\n\nvar s = `\nimport "example.com/m/secret"\n`\n\nfunc f() { fmt.Println("import \\"x\\"") }\n';
    assert.deepEqual(imports(text), ['3:8 fmt']);
    assert.deepEqual(imports('package p\n\n// import "x"\nfunc f() {}\n'), []);
    assert.deepEqual(imports(''), []);
  });
});

describe('readGoModulePath', () => {
  test('the module path of go.mod: plain, quoted, in a block, with comments; none without a module directive', () => {
    assert.equal(readGoModulePath('// a comment\nmodule example.com/m // trailing\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/text v0.14.0\n)\n'), 'example.com/m');
    assert.equal(readGoModulePath('module "example.com/quoted"\n'), 'example.com/quoted');
    assert.equal(readGoModulePath('module `example.com/raw`\n'), 'example.com/raw');
    assert.equal(readGoModulePath('module (\n\t// the path\n\texample.com/block\n)\n'), 'example.com/block');
    assert.equal(readGoModulePath('go 1.22\n// module example.com/commented\n'), undefined);
  });
});
