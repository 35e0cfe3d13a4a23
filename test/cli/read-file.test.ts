import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workTreeReader } from '../../cli/read-file.js';
import { makeTempDir } from '../helpers/repo.js';

const root = makeTempDir();
mkdirSync(join(root, 'docs/design'), { recursive: true });
writeFileSync(join(root, 'docs/design/a.md'), '---\r\ntype: module\r\n---\r\nÄ\r\n');
after(() => rmSync(root, { recursive: true, force: true }));
const read = workTreeReader(root);

test('reads a nested file as UTF-8, byte for byte', async () => {
  assert.equal(await read('docs/design/a.md'), '---\r\ntype: module\r\n---\r\nÄ\r\n');
});

test('a missing file is undefined', async () => {
  assert.equal(await read('docs/design/none.md'), undefined);
  assert.equal(await read('nowhere/none.md'), undefined);
});

test('a folder is an error, not a missing file', async () => {
  await assert.rejects(read('docs/design'), { code: 'EISDIR' });
});
