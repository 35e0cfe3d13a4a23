import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { resolveImport } from '../../../core/boundaries/resolve.js';

const files = new Set(['core/b.ts', 'core/c.tsx', 'core/dir/index.ts', 'core/e.js', 'core/f.mts', 'cli/a.ts']);

describe('resolveImport', () => {
  test('maps .js specifiers to .ts sources, and finds extensionless files and folder indexes', () => {
    assert.equal(resolveImport('cli/a.ts', '../core/b.js', files), 'core/b.ts');
    assert.equal(resolveImport('cli/a.ts', '../core/c.js', files), 'core/c.tsx');
    assert.equal(resolveImport('cli/a.ts', '../core/b', files), 'core/b.ts');
    assert.equal(resolveImport('cli/a.ts', '../core/dir', files), 'core/dir/index.ts');
    assert.equal(resolveImport('cli/a.ts', '../core/e.js', files), 'core/e.js');
    assert.equal(resolveImport('cli/a.ts', '../core/f.mjs', files), 'core/f.mts');
    assert.equal(resolveImport('core/b.ts', './dir/index.js', files), 'core/dir/index.ts');
  });

  test('packages, paths outside the root and missing files resolve to nothing', () => {
    assert.equal(resolveImport('cli/a.ts', 'yaml', files), undefined);
    assert.equal(resolveImport('cli/a.ts', 'node:fs', files), undefined);
    assert.equal(resolveImport('cli/a.ts', '../../x.js', files), undefined);
    assert.equal(resolveImport('cli/a.ts', './missing.js', files), undefined);
  });
});
