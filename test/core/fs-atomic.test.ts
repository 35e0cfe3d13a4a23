import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TargetExistsError, writeFileAtomic } from '../../core/fs-atomic.js';
import { makeTempDir } from '../helpers/repo.js';

const base = makeTempDir();
after(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
/** A fresh empty folder per test. */
function folder(): string {
  const dir = join(base, `t${n++}`);
  mkdirSync(dir);
  return dir;
}

describe('writeFileAtomic', () => {
  test('writes a new file and creates missing folders', async () => {
    const dir = folder();
    await writeFileAtomic(join(dir, 'a/b/c.md'), 'hello\n', { overwrite: false });
    assert.equal(readFileSync(join(dir, 'a/b/c.md'), 'utf8'), 'hello\n');
    assert.deepEqual(readdirSync(join(dir, 'a/b')), ['c.md']);
  });

  test('writes bytes as they are', async () => {
    const dir = folder();
    const bytes = new Uint8Array([0, 255, 13, 10, 0xef, 0xbb, 0xbf]);
    await writeFileAtomic(join(dir, 'x.bin'), bytes, { overwrite: true });
    assert.deepEqual(new Uint8Array(readFileSync(join(dir, 'x.bin'))), bytes);
  });

  test('without overwrite an existing target is kept byte-identical', async () => {
    const dir = folder();
    const target = join(dir, 'a.md');
    writeFileSync(target, 'mine\r\n');
    await assert.rejects(writeFileAtomic(target, 'theirs', { overwrite: false }), (e: unknown) => {
      assert.ok(e instanceof TargetExistsError);
      assert.equal(e.path, target);
      assert.equal(e.name, 'TargetExistsError');
      return true;
    });
    assert.equal(readFileSync(target, 'utf8'), 'mine\r\n');
    assert.deepEqual(readdirSync(dir), ['a.md'], 'no temp file left behind');
  });

  test('with overwrite the content is replaced', async () => {
    const dir = folder();
    const target = join(dir, 'a.md');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, 'new', { overwrite: true });
    assert.equal(readFileSync(target, 'utf8'), 'new');
    assert.deepEqual(readdirSync(dir), ['a.md']);
  });

  test('no temp file is left after a successful write', async () => {
    const dir = folder();
    await writeFileAtomic(join(dir, 'a.md'), 'x', { overwrite: false });
    await writeFileAtomic(join(dir, 'b.md'), 'y', { overwrite: true });
    assert.deepEqual(readdirSync(dir).sort(), ['a.md', 'b.md']);
  });

  test('no temp file is left when the move fails', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'taken/inner'), { recursive: true });
    // rename onto a non-empty folder fails (ENOTEMPTY/EISDIR); the temp file must go with it.
    await assert.rejects(writeFileAtomic(join(dir, 'taken'), 'x', { overwrite: true }));
    assert.deepEqual(readdirSync(dir), ['taken']);
  });

  test('no temp file is left when the write itself fails', async () => {
    const dir = folder();
    // Data of the wrong kind makes the write throw after the temp file was created.
    await assert.rejects(writeFileAtomic(join(dir, 'a.md'), 42 as unknown as string, { overwrite: false }));
    assert.deepEqual(readdirSync(dir), []);
  });

  test('mode sets the permission bits', async () => {
    const dir = folder();
    await writeFileAtomic(join(dir, 'hook'), '#!/bin/sh\n', { overwrite: false, mode: 0o700 });
    assert.equal(statSync(join(dir, 'hook')).mode & 0o777, 0o700);
  });

  test('concurrent writers without overwrite: exactly one wins', async () => {
    const dir = folder();
    const target = join(dir, 'race.md');
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => writeFileAtomic(target, `writer ${i}`, { overwrite: false })));
    const won = results.filter((r) => r.status === 'fulfilled');
    assert.equal(won.length, 1);
    for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof TargetExistsError);
    assert.match(readFileSync(target, 'utf8'), /^writer \d$/);
    assert.deepEqual(readdirSync(dir), ['race.md']);
  });
});
