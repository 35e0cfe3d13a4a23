import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { missingFolders, removeStrayTemps, restoreTarget, writeTarget, type WriteFile } from '../../generators/writer.js';
import { writeFileAtomic } from '../../core/fs-atomic.js';
import { isDesignGateError } from '../../core/errors.js';
import { makeTempDir } from '../helpers/repo.js';

const base = makeTempDir();
after(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const folder = () => {
  const d = join(base, `w${n++}`);
  mkdirSync(d);
  return d;
};

describe('writeTarget', () => {
  test('writes atomically, keeping the mode of the file it replaces', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.sh'), 'old', { mode: 0o755 });
    await writeTarget(join(dir, 'a.sh'), 'new', { display: 'a.sh' });
    assert.equal(readFileSync(join(dir, 'a.sh'), 'utf8'), 'new');
    assert.equal(statSync(join(dir, 'a.sh')).mode & 0o777, 0o755);
  });
  test('E10: EPERM/EBUSY are retried a bounded number of times', async () => {
    const dir = folder();
    let calls = 0;
    const flaky: WriteFile = async (p, d, o) => {
      if (++calls < 3) throw Object.assign(new Error('busy'), { code: calls === 1 ? 'EBUSY' : 'EPERM' });
      return writeFileAtomic(p, d, o);
    };
    await writeTarget(join(dir, 'a'), 'x', { display: 'a', writeFile: flaky });
    assert.equal(calls, 3);
    let forever = 0;
    const stuck: WriteFile = async () => {
      forever++;
      throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
    };
    await assert.rejects(writeTarget(join(dir, 'b'), 'x', { display: 'b', writeFile: stuck }), (e: unknown) => isDesignGateError(e) && e.code === 'IO');
    assert.equal(forever, 4);
  });
  test('E11: a full disk is not retried; the message says what to do', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'a'), 'kept');
    const full: WriteFile = async () => {
      throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    };
    await assert.rejects(writeTarget(join(dir, 'a'), 'x', { display: 'a', writeFile: full }), (e: unknown) => isDesignGateError(e) && /free some disk space/.test(e.fix ?? ''));
    assert.equal(readFileSync(join(dir, 'a'), 'utf8'), 'kept');
  });
});

describe('stray temp files (E8)', () => {
  test('only the temp files of that target are removed', async () => {
    const dir = folder();
    for (const f of ['.a.js.0123456789ab.tmp', '.a.js.notatemp.tmp', '.b.js.0123456789ab.tmp', 'a.js']) writeFileSync(join(dir, f), '');
    assert.deepEqual(await removeStrayTemps(join(dir, 'a.js')), ['.a.js.0123456789ab.tmp']);
    assert.deepEqual(readdirSync(dir).sort(), ['.a.js.notatemp.tmp', '.b.js.0123456789ab.tmp', 'a.js']);
  });
});

describe('restoreTarget', () => {
  test('puts content and mode back', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'a'), 'generated');
    await restoreTarget(join(dir, 'a'), { before: { data: Buffer.from('mine'), mode: 0o600 }, createdDirs: [] }, { display: 'a' });
    assert.equal(readFileSync(join(dir, 'a'), 'utf8'), 'mine');
    assert.equal(statSync(join(dir, 'a')).mode & 0o777, 0o600);
  });
  test('removes a file that did not exist, and the empty folders the session made', async () => {
    const dir = folder();
    const target = join(dir, 'x/y/a.js');
    const created = await missingFolders(dir, target);
    assert.deepEqual(created, [join(dir, 'x/y'), join(dir, 'x')]);
    await writeFileAtomic(target, 'gen', { overwrite: true });
    await restoreTarget(target, { before: null, createdDirs: created }, { display: 'a.js' });
    assert.equal(existsSync(join(dir, 'x')), false);
  });
});
