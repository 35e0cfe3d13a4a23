/** readRangeLog on real histories (linear, root, merges with and without their own changes) and parseRangeLog on bad input. */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { DesignGateError } from '../../../core/errors.js';
import { parseRangeLog, RangeLogParser, readRangeLog } from '../../../core/verify/log.js';
import { execFileSync } from 'node:child_process';
import { gitEnv, makeRepo, type TempRepo } from '../../helpers/repo.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
const ctx = (r: TempRepo) => ({ cwd: r.dir, env: gitEnv() });

function history(): { r: TempRepo; ids: Record<string, string> } {
  const r = makeRepo({ 'a.txt': 'a\n', 'gone.txt': 'x\n' });
  repos.push(r);
  const ids: Record<string, string> = { root: r.git('rev-parse', 'HEAD').trim() };
  r.git('checkout', '-q', '-b', 'side');
  ids['side'] = r.commit({ 'side.txt': 's\n' }, 'side');
  r.git('checkout', '-q', 'main');
  ids['main'] = r.commit({ 'a.txt': 'a2\n', 'gone.txt': null, 'new.txt': 'n\n' }, 'main');
  r.git('merge', '-q', '--no-ff', '--no-commit', 'side');
  r.write({ 'evil.txt': 'e\n' });
  r.git('add', '-A');
  r.git('commit', '-q', '-m', 'merge');
  ids['merge'] = r.git('rev-parse', 'HEAD').trim();
  return { r, ids };
}

describe('readRangeLog', () => {
  test('oldest first, parents before children, each commit with what it changed against its first parent', async () => {
    const { r, ids } = history();
    const log = await readRangeLog(ctx(r), [ids['merge']!]);
    assert.equal(log[0]!.oid, ids['root']);
    assert.equal(log[log.length - 1]!.oid, ids['merge']);
    const root = log[0]!;
    assert.deepEqual(root.parents, []);
    assert.deepEqual(root.changes.map((c) => `${c.status} ${c.path}`), ['A a.txt', 'A gone.txt']);
    assert.equal(root.authorEmail, 'author@example.com');
    const main = log.find((c) => c.oid === ids['main'])!;
    assert.deepEqual(main.changes.map((c) => `${c.status} ${c.path}`), ['M a.txt', 'D gone.txt', 'A new.txt']);
    const modified = main.changes[0]!;
    assert.match(modified.oid ?? '', /^[0-9a-f]{40}$/);
    assert.match(modified.oldOid ?? '', /^[0-9a-f]{40}$/);
    assert.equal(main.changes[1]!.oid, undefined);
    assert.equal(main.changes[2]!.oldOid, undefined);
  });

  test('a merge lists only what differs from every parent: its own (evil) change', async () => {
    const { r, ids } = history();
    const merge = (await readRangeLog(ctx(r), [ids['merge']!, `^${ids['main']}`])).find((c) => c.oid === ids['merge'])!;
    assert.equal(merge.parents.length, 2);
    assert.deepEqual(merge.changes.map((c) => `${c.status} ${c.path}`), ['A evil.txt']);
  });

  test('a range selects the commits reachable from the head and not from the base; --not --remotes works too', async () => {
    const { r, ids } = history();
    const range = await readRangeLog(ctx(r), [ids['merge']!, `^${ids['main']}`]);
    assert.deepEqual(range.map((c) => c.oid).sort(), [ids['side'], ids['merge']].sort());
    assert.equal((await readRangeLog(ctx(r), [ids['merge']!, '--not', '--remotes'])).length, 4);
  });

  test('a revision git cannot read is a GIT error', async () => {
    const { r } = history();
    await assert.rejects(readRangeLog(ctx(r), ['no-such-rev']), (e: unknown) => e instanceof DesignGateError && e.code === 'GIT');
  });
});

describe('RangeLogParser', () => {
  test('fed in pieces of every size (as git writes it), it reads what the whole stream reads; a path with non-ASCII names survives', async () => {
    const { r } = history();
    r.commit({ 'dïr/ünï cödé.txt': 'u\n' }, 'unicode');
    const args = ['log', '--topo-order', '--reverse', '--root', '--raw', '--cc', '--no-renames', '--no-abbrev', '-z', '--no-color', '--format=%x1e%H%x1f%P%x1f%ae%x1f%ce', 'HEAD', '--'];
    const text = execFileSync('git', ['-c', 'core.quotePath=false', ...args], { cwd: r.dir, env: gitEnv(), encoding: 'utf8' });
    const whole = parseRangeLog(text);
    assert.deepEqual(await readRangeLog(ctx(r), ['HEAD']), whole);
    assert.ok(whole.some((c) => c.changes.some((ch) => ch.path === 'dïr/ünï cödé.txt')));
    for (const size of [1, 2, 3, 7, 64, 4096]) {
      const parser = new RangeLogParser();
      for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
      assert.deepEqual(parser.end(), whole, `pieces of ${size}`);
    }
  });

  test('a stream cut after a change header, before its path, is a GIT error', () => {
    const oid = 'a'.repeat(40);
    const parser = new RangeLogParser();
    parser.push(`\x1e${oid}\x1f\x1fa@x\x1fb@x\0:100644 100644 ${oid} ${oid} M\0`);
    assert.throws(() => parser.end(), (e: unknown) => e instanceof DesignGateError && e.code === 'GIT');
  });
});

describe('parseRangeLog', () => {
  test('an empty stream is no commits', () => {
    assert.deepEqual(parseRangeLog(''), []);
  });

  test('a stream of any other shape is a GIT error, never a shorter range', () => {
    const oid = 'a'.repeat(40);
    for (const text of ['garbage', `\x1e${oid}\x1f\x1fa@x\x1fb@x\0:100644 100644 ${oid} ${oid} M\0`, `\x1enot-an-oid\x1f\x1fa\x1fb\0`, `:100644 100644 ${oid} ${oid} M\0a\0`]) {
      assert.throws(() => parseRangeLog(text), (e: unknown) => e instanceof DesignGateError && e.code === 'GIT', JSON.stringify(text));
    }
  });
});
