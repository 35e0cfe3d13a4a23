import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { hostname } from 'node:os';
import { acquireLock, lockFile, lockHolder, processIsAlive, waitOptions, withLock } from '../../generators/lock.js';
import { isDesignGateError } from '../../core/errors.js';
import { makeTempDir } from '../helpers/repo.js';

const base = makeTempDir();
after(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const root = () => {
  const d = join(base, `l${n++}`);
  mkdirSync(d);
  return d;
};

describe('component locks (E9)', () => {
  test('a second session on the same component refuses, naming the first', async () => {
    const dir = root();
    const first = await acquireLock(dir, 'docs/design/a.md', 'S1');
    await assert.rejects(acquireLock(dir, 'docs/design/a.md', 'S2'), (e: unknown) => {
      assert.ok(isDesignGateError(e));
      assert.equal(e.code, 'IO');
      assert.match(e.message, /^session S1 \(process \d+\) is already working on docs\/design\/a\.md$/);
      assert.match(e.fix!, /designgate session abort S1/);
      return true;
    });
    const other = await acquireLock(dir, 'docs/design/b.md', 'S3');
    await first.release();
    await other.release();
    assert.equal(existsSync(lockFile(dir, 'docs/design/a.md')), false);
  });

  test('a waiting session gets the lock once the first releases it', async () => {
    const dir = root();
    const first = await acquireLock(dir, 'c', 'S1');
    setTimeout(() => void first.release(), 150);
    const second = await acquireLock(dir, 'c', 'S2', { waitMs: 3000 });
    assert.equal((await lockHolder(dir, 'c'))!.sessionId, 'S2');
    await second.release();
  });

  test('racing sessions: exactly one wins', async () => {
    const dir = root();
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => acquireLock(dir, 'c', `S${i}`)));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  });

  test('a lock left by a dead process on this machine is taken over', async () => {
    const dir = root();
    const file = lockFile(dir, 'c');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ component: 'c', sessionId: 'DEAD', pid: 999999, hostname: hostname(), at: 'x' }));
    const lock = await acquireLock(dir, 'c', 'S2', { isAlive: () => false });
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).sessionId, 'S2');
    await lock.release();
    assert.deepEqual(readdirSync(dirname(file)), []);
  });

  test('a lock held by a live process on another machine is respected', async () => {
    const dir = root();
    const file = lockFile(dir, 'c');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ component: 'c', sessionId: 'FAR', pid: 1, hostname: 'elsewhere', at: 'x' }));
    await assert.rejects(acquireLock(dir, 'c', 'S2', { isAlive: () => false }), /session FAR/);
  });

  test('release leaves another session\'s lock alone', async () => {
    const dir = root();
    const lock = await acquireLock(dir, 'c', 'S1');
    writeFileSync(lock.file, JSON.stringify({ component: 'c', sessionId: 'S9', pid: process.pid, hostname: hostname(), at: 'x' }));
    await lock.release();
    assert.equal((await lockHolder(dir, 'c'))!.sessionId, 'S9');
  });

  test('processIsAlive', () => {
    assert.equal(processIsAlive(process.pid), true);
    assert.equal(processIsAlive(999999), false);
  });
});

describe('withLock and waitOptions', () => {
  test('withLock holds the lock while the work runs and releases it when the work ends, or throws', async () => {
    const dir = root();
    const file = lockFile(dir, 'docs/design/a.md');
    assert.equal(await withLock(dir, 'docs/design/a.md', 'S1', {}, async () => (existsSync(file) ? 'held' : 'free')), 'held');
    assert.equal(existsSync(file), false);
    await assert.rejects(withLock(dir, 'docs/design/a.md', 'S2', {}, async () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(existsSync(file), false);
    await (await acquireLock(dir, 'docs/design/a.md', 'S3')).release();
  });

  test('waitOptions: no wait asked, no option; a wait, waitMs', () => {
    assert.deepEqual(waitOptions(undefined), {});
    assert.deepEqual(waitOptions(250), { waitMs: 250 });
  });
});

