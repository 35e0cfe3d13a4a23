import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readPythonImports } from '../../../core/boundaries/python.js';

/** Each import as `line:column module [name@line:column, …]`. */
const imports = (text: string) =>
  readPythonImports(text).map((i) => `${i.line}:${i.column} ${i.module}${i.names.length === 0 ? '' : ` [${i.names.map((n) => `${n.name}@${n.line}:${n.column}`).join(', ')}]`}`);

describe('readPythonImports', () => {
  test('import with dotted names, aliases and several names, at each module name', () => {
    assert.deepEqual(imports('import os\nimport app.billing.invoice as inv, app.core   .  util\n'), [
      '1:8 os',
      '2:8 app.billing.invoice',
      '2:36 app.core.util',
    ]);
  });

  test('from imports, relative ones with their dots, bracketed multi-line name lists and star imports', () => {
    const text = [
      'from app.billing import invoice, tax as t',
      'from . import sibling',
      'from ..core.util import (',
      '    helper,  # a comment inside the brackets',
      '    other as o,',
      ')',
      'from ...top import *',
      'from .pkg import(x)',
    ].join('\n');
    assert.deepEqual(imports(text), [
      '1:6 app.billing [invoice@1:25, tax@1:34]',
      '2:6 . [sibling@2:15]',
      '3:6 ..core.util [helper@4:5, other@5:5]',
      '7:6 ...top [*@7:20]',
      '8:6 .pkg [x@8:18]',
    ]);
  });

  test('imports nested in functions and after if TYPE_CHECKING: (same line and next line), and after ;', () => {
    const text = [
      'from typing import TYPE_CHECKING',
      'if TYPE_CHECKING: from app.web import page',
      'if TYPE_CHECKING:',
      '    import app.admin.panel',
      'def load():',
      '    x = 1; import app.core.lazy',
      '    return {"k": 1}',
      'class A:',
      '    try:',
      '        import fast',
      '    except ImportError:',
      '        import slow',
    ].join('\n');
    assert.deepEqual(imports(text).map((i) => i.split(' ')[1]), ['typing', 'app.web', 'app.admin.panel', 'app.core.lazy', 'fast', 'slow']);
  });

  test('a backslash continuation joins an import over two lines', () => {
    assert.deepEqual(imports('from app.core \\\n    import util, \\\n  more\nimport \\\n  app.x\n'), ['1:6 app.core [util@2:12, more@3:3]', '5:3 app.x']);
  });

  test('import written inside comments and strings of every form is not an import', () => {
    const text = [
      '# import app.secret.comment',
      'doc = """',
      'import app.secret.triple',
      '"""',
      "s = 'from app.secret import single' + \"import app.secret.double\"",
      "r = r'\\' import app.secret.raw'",
      "b = Rb'''",
      'import app.secret.bytes',
      "'''",
      'f = f"{d["from app.secret import nested"]} {x:{width}} {{import app.secret.braces}}"',
      "u = U'import app.secret.u'; import app.real",
      "t = tr'import app.secret.t'",
      "def g():\n    '''import app.secret.docstring'''\n    return 1",
      // The field holds a quote that would close the string if fields were not read as code.
      'v = f"{"\'"}"; import app.also_real  # \'',
    ].join('\n');
    assert.deepEqual(imports(text), ['11:36 app.real', '16:22 app.also_real']);
  });

  test('yield from, raise … from, and names like imports or from_ are not import statements', () => {
    const text = [
      'def gen():',
      '    yield from items',
      '    raise ValueError("x") from err',
      'imports = 1',
      'from_ = imports',
      'x = [i for i in range(3)]',
      'lambda: 0',
      'import real',
    ].join('\n');
    assert.deepEqual(imports(text), ['8:8 real']);
  });
});
