import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { pythonRoots, resolvePythonImport } from '../../../core/boundaries/python-modules.js';
import { readPythonImports } from '../../../core/boundaries/python.js';

const files = new Set([
  'src/app/__init__.py',
  'src/app/core/__init__.py',
  'src/app/core/util.py',
  'src/app/core/models.py',
  'src/app/billing/__init__.py',
  'src/app/billing/invoice.py',
  'src/app/web/page.py',
  'src/app/web/forms/__init__.py',
  'src/tool.py',
]);
const roots = ['src/'];
/** Every target of every import of `code` in `from`, as `line:column specifier → file`. */
const targets = (from: string, code: string, r: readonly string[] = roots) =>
  readPythonImports(code).flatMap((imp) => resolvePythonImport(from, imp, r, files).map((t) => `${t.line}:${t.column} ${t.specifier} → ${t.file}`));

describe('Python module resolution', () => {
  test('source roots from the templates, climbing out of packages', () => {
    assert.deepEqual(pythonRoots(['src/{path}.py', 'lib/{path}.ex'], files), ['src/']);
    assert.deepEqual(pythonRoots(['src/app/{path}.py', 'src/{path}.py'], files), ['src/']);
    assert.deepEqual(pythonRoots(['{path}.py', 'scripts/x_{path}.py'], files), ['', 'scripts/']);
  });

  test('absolute imports land on a module file or a package __init__.py under a source root; library modules on nothing', () => {
    const code = 'import app.core.util as u, os.path\nimport app.billing\nimport tool\nimport app.core.missing\nimport requests\n';
    assert.deepEqual(targets('src/app/web/page.py', code), [
      '1:8 app.core.util → src/app/core/util.py',
      '2:8 app.billing → src/app/billing/__init__.py',
      '3:8 tool → src/tool.py',
    ]);
    // Without the right root nothing is ours.
    assert.deepEqual(targets('src/app/web/page.py', code, ['']), []);
  });

  test('from imports prefer the submodule, else the module, each at its own position', () => {
    const code = 'from app.core import util, models, CONSTANT, helper\nfrom app.core.util import *\nfrom app.billing.invoice import create\nfrom app.web import forms\n';
    assert.deepEqual(targets('src/tool.py', code), [
      '1:22 app.core.util → src/app/core/util.py',
      '1:28 app.core.models → src/app/core/models.py',
      '1:6 app.core → src/app/core/__init__.py',
      '2:6 app.core.util → src/app/core/util.py',
      '3:6 app.billing.invoice → src/app/billing/invoice.py',
      '4:21 app.web.forms → src/app/web/forms/__init__.py',
    ]);
  });

  test('relative imports resolve against the importing file\'s package; too many dots resolve to nothing', () => {
    const code = 'from . import forms\nfrom ..core import util\nfrom ..billing.invoice import create\nfrom .. import core\nfrom ..... import nothing\n';
    assert.deepEqual(targets('src/app/web/page.py', code), [
      '1:15 .forms → src/app/web/forms/__init__.py',
      '2:20 ..core.util → src/app/core/util.py',
      '3:6 ..billing.invoice → src/app/billing/invoice.py',
      '4:16 ..core → src/app/core/__init__.py',
    ]);
    // In a package's __init__.py, `.` is that package itself.
    assert.deepEqual(targets('src/app/core/__init__.py', 'from .util import x\nfrom . import models\n'), [
      '1:6 .util → src/app/core/util.py',
      '2:15 .models → src/app/core/models.py',
    ]);
  });
});
