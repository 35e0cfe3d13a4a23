import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CatFileBatch } from '../../../core/git/batch.js';
import { DesignGateError } from '../../../core/errors.js';
import { gitEnv, makeRepo, makeTempDir } from '../../helpers/repo.js';

const files: Record<string, string | Buffer> = { 'a.txt': 'a\n', 'with space.txt': 'spaced\n', 'dir/b.txt': 'b\n' };
for (let i = 0; i < 300; i++) files[`many/f${i}.txt`] = `file ${i}\n`;
const big = randomBytes(3 * 1024 * 1024); // binary, with newlines and NULs, several pipe chunks long
files['big.bin'] = big;
const cleanups: Array<() => void> = [];
const r = makeRepo(files);
cleanups.push(r.cleanup);
after(() => cleanups.forEach((f) => f()));
function tempDir(): string {
  const dir = makeTempDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}


describe('CatFileBatch', () => {
  test('reads objects by oid, rev:path, :0:path and rev^{commit}; a name with spaces works', async () => {
    const batch = new CatFileBatch({ cwd: r.dir, env: gitEnv() });
    try {
      const blob = await batch.read(r.git('rev-parse', 'HEAD:a.txt').trim());
      assert.deepEqual(blob && { type: blob.type, text: blob.content.toString() }, { type: 'blob', text: 'a\n' });
      assert.equal((await batch.read('HEAD:with space.txt'))?.content.toString(), 'spaced\n');
      assert.equal((await batch.read(':0:dir/b.txt'))?.content.toString(), 'b\n');
      const commit = await batch.read('HEAD^{commit}');
      assert.equal(commit?.type, 'commit');
      assert.equal(commit?.oid, r.git('rev-parse', 'HEAD').trim());
      assert.equal((await batch.read('HEAD:dir'))?.type, 'tree');
    } finally {
      await batch.close();
    }
  });

  test('missing objects and paths are undefined, and the stream stays in step after them', async () => {
    const batch = new CatFileBatch({ cwd: r.dir, env: gitEnv() });
    try {
      const answers = await Promise.all(['HEAD:nope', 'a.txt-is-not-a-rev', '0'.repeat(40), 'HEAD:a.txt', 'HEAD:no such file'].map((s) => batch.read(s)));
      assert.deepEqual(answers.map((a) => a?.content.toString()), [undefined, undefined, undefined, 'a\n', undefined]);
    } finally {
      await batch.close();
    }
  });

  test('300 pipelined requests are answered in order', async () => {
    const batch = new CatFileBatch({ cwd: r.dir, env: gitEnv() });
    try {
      const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => batch.read(`HEAD:many/f${i}.txt`)));
      answers.forEach((a, i) => assert.equal(a?.content.toString(), `file ${i}\n`));
    } finally {
      await batch.close();
    }
  });

  test('requests of one turn go out together, and close answers those not yet written', async () => {
    const batch = new CatFileBatch({ cwd: r.dir, env: gitEnv() });
    // Issued and closed in the same turn: the requests are still buffered when close is called.
    const reads = Array.from({ length: 50 }, (_, i) => batch.read(`HEAD:many/f${i}.txt`));
    await batch.close();
    (await Promise.all(reads)).forEach((a, i) => assert.equal(a?.content.toString(), `file ${i}\n`));
    // Later turns still work, interleaved with awaited ones.
    assert.equal((await batch.read('HEAD:a.txt'))?.content.toString(), 'a\n');
    const [x, y] = await Promise.all([batch.read('HEAD:dir/b.txt'), Promise.resolve().then(() => batch.read('HEAD:a.txt'))]);
    assert.equal(x?.content.toString(), 'b\n');
    assert.equal(y?.content.toString(), 'a\n');
    await batch.close();
  });

  test('a 3 MiB binary blob arrives byte for byte, between two small ones', async () => {
    const batch = new CatFileBatch({ cwd: r.dir, env: gitEnv() });
    try {
      const [before, blob, afterIt] = await Promise.all([batch.read('HEAD:a.txt'), batch.read('HEAD:big.bin'), batch.read('HEAD:dir/b.txt')]);
      assert.ok(blob?.content.equals(big));
      assert.equal(before?.content.toString(), 'a\n');
      assert.equal(afterIt?.content.toString(), 'b\n');
    } finally {
      await batch.close();
    }
  });

  test('a spec with a newline is refused; close is idempotent; a closed batch restarts', async () => {
    const batch = new CatFileBatch({ cwd: r.dir, env: gitEnv() });
    await batch.close(); // never started
    await assert.rejects(batch.read('HEAD:a\nb'), /newline/);
    assert.equal((await batch.read('HEAD:a.txt'))?.content.toString(), 'a\n');
    await batch.close();
    await batch.close();
    assert.equal((await batch.read('HEAD:a.txt'))?.content.toString(), 'a\n');
    await batch.close();
  });

  test('git failing to start the batch rejects with GIT, naming cat-file and git’s reason', async () => {
    const batch = new CatFileBatch({ cwd: tempDir(), env: gitEnv({ GIT_DIR: join(tempDir(), 'nothing') }) });
    await assert.rejects(batch.read('HEAD'), (e: unknown) => {
      assert.ok(e instanceof DesignGateError);
      assert.equal(e.code, 'GIT');
      assert.match(e.message, /^`git cat-file --batch` stopped unexpectedly: .*not a git repository/);
      return true;
    });
    await batch.close();
  });

  test('no git on PATH rejects with "git is not installed"', async () => {
    const batch = new CatFileBatch({ cwd: r.dir, env: gitEnv({ PATH: tempDir() }) });
    await assert.rejects(batch.read('HEAD'), /git is not installed/);
    await batch.close();
  });
});
