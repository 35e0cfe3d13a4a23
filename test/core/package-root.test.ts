import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { packageFile, packageRoot } from '../../core/package-root.js';
import { makeTempDir, projectRoot } from '../helpers/repo.js';

test('finds the checkout root from this module', () => {
  assert.equal(join(packageRoot(), '/'), join(projectRoot, '/'));
  assert.equal(JSON.parse(readFileSync(packageFile('package.json'), 'utf8')).name, 'designgate');
});

test('packageFile points at shipped files', () => {
  assert.ok(existsSync(packageFile('schema', 'designrc.schema.json')));
});

test('walks up past a package.json with another name', () => {
  const dir = makeTempDir();
  try {
    mkdirSync(join(dir, 'dist/bin'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'designgate' }));
    writeFileSync(join(dir, 'dist/package.json'), JSON.stringify({ name: 'something-else' }));
    // dist/bin/package.json only says its files are CommonJS, as the build writes it.
    writeFileSync(join(dir, 'dist/bin/package.json'), JSON.stringify({ type: 'commonjs' }));
    assert.equal(packageRoot(join(dir, 'dist/bin/cli.cjs')), dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('throws when no designgate package is above', () => {
  const dir = makeTempDir();
  try {
    assert.throws(() => packageRoot(join(dir, 'a/b.js')), /cannot find its own package.json/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
