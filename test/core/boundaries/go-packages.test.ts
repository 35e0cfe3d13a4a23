import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { goModules, goPackageDir, goPackages } from '../../../core/boundaries/go-packages.js';

/** A reader over a fixed repository that records what it was asked for. */
function reader(repo: Record<string, string>) {
  const asked: string[] = [];
  const read = async (path: string) => {
    asked.push(path);
    return repo[path];
  };
  return { read, asked };
}

describe('Go packages', () => {
  test('the nearest go.mod inside the config is found, and read once', async () => {
    const { read, asked } = reader({ 'go.mod': 'module example.com/m\n', 'tools/go.mod': 'module example.com/m/tools\n' });
    const files = new Set(['go.mod', 'cmd/app/main.go', 'internal/core/a.go', 'tools/go.mod', 'tools/gen/gen.go']);
    const moduleOf = goModules('', files, read);
    assert.deepEqual(await moduleOf('cmd/app/main.go'), { path: 'example.com/m', dir: '' });
    assert.deepEqual(await moduleOf('internal/core/a.go'), { path: 'example.com/m', dir: '' });
    assert.deepEqual(await moduleOf('tools/gen/gen.go'), { path: 'example.com/m/tools', dir: 'tools/' });
    assert.deepEqual(asked, ['go.mod', 'tools/go.mod']);
  });

  test('a go.mod above the config\'s folder gives the config folder\'s import path', async () => {
    const { read, asked } = reader({ 'go.mod': 'module example.com/mono\n' });
    const moduleOf = goModules('services/api/', new Set(['internal/a.go']), read);
    assert.deepEqual(await moduleOf('internal/a.go'), { path: 'example.com/mono/services/api', dir: '' });
    assert.deepEqual(await moduleOf('internal/a.go'), { path: 'example.com/mono/services/api', dir: '' });
    assert.deepEqual(asked, ['services/go.mod', 'go.mod']);
    assert.equal(await goModules('', new Set(['a.go']), reader({}).read)('a.go'), undefined);
  });

  test('import paths map to folders inside the module only; the module root itself is a package', () => {
    const module = { path: 'example.com/m', dir: 'svc/' };
    assert.equal(goPackageDir('example.com/m/internal/billing', module), 'svc/internal/billing/');
    assert.equal(goPackageDir('example.com/m', module), 'svc/');
    assert.equal(goPackageDir('example.com/mother/x', module), undefined);
    assert.equal(goPackageDir('fmt', module), undefined);
  });

  test('a package\'s files are the .go files of that folder, without tests or sub-folders', () => {
    const packages = goPackages(['billing/tax.go', 'billing/invoice.go', 'billing/invoice_test.go', 'billing/pdf/render.go', 'main.go', 'README.md']);
    assert.deepEqual(packages.get('billing/'), ['billing/invoice.go', 'billing/tax.go']);
    assert.deepEqual(packages.get('billing/pdf/'), ['billing/pdf/render.go']);
    assert.deepEqual(packages.get(''), ['main.go']);
    assert.equal(packages.size, 3);
  });
});
