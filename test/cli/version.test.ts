import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { version } from '../../cli/version.js';
import { projectRoot, runCli, makeTempDir } from '../helpers/repo.js';

const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };

test('version is the version in package.json', () => {
  assert.equal(version, pkg.version);
  assert.match(version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
});

test('the built bin prints the same version from any folder', () => {
  const dir = makeTempDir();
  const r = runCli(['--version'], { cwd: dir });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.stdout, `${pkg.version}\n`);
  assert.equal(r.status, 0);
});
