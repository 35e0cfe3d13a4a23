import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitEnv, makeRepo, makeTempDir, type TempRepo } from '../../helpers/repo.js';
import { isDesignGateError } from '../../../core/errors.js';
import {
  commitsTouching,
  commonGitDir,
  designHistory,
  linearSince,
  parseLog,
  readChanges,
  readOtherChanges,
  shallowBoundary,
} from '../../../core/approval/history.js';

const cleanups: Array<() => void> = [];
after(() => cleanups.forEach((c) => c()));
function repo(): TempRepo {
  const r = makeRepo();
  cleanups.push(r.cleanup);
  return r;
}
const ctx = (r: TempRepo) => ({ cwd: r.dir, env: gitEnv() });
const DESIGNS = [':(top,literal)docs/design'];

/** A repository with one commit, a context whose git logs each call, and the count of calls naming `what`. */
function countingRepo(): { r: TempRepo; counted: { cwd: string; env: NodeJS.ProcessEnv }; calls: (what: string) => number } {
  const r = repo();
  r.commit({ 'f.txt': '1' }, 'one');
  const bin = makeTempDir();
  cleanups.push(() => rmSync(bin, { recursive: true, force: true }));
  const log = join(bin, 'calls');
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
  const counted = { cwd: r.dir, env: gitEnv({ PATH: `${bin}:${process.env['PATH'] ?? ''}` }) };
  const calls = (what: string) => readFileSync(log, 'utf8').trim().split('\n').filter((l) => l.includes(what)).length;
  return { r, counted, calls };
}

describe('history', () => {
  test('designHistory: the commits that change the paths, newest first, a commit before its parents, across a merge; merges and other paths absent', async () => {
    const r = repo();
    const a = r.commit({ 'docs/design/a.md': 'a' }, 'a');
    r.git('checkout', '-q', '-b', 'side');
    const b = r.commit({ 'docs/design/b.md': 'b' }, 'b');
    r.commit({ 'src/x.ts': 'x' }, 'code on the side');
    r.git('checkout', '-q', 'main');
    const c = r.commit({ 'docs/design/a.md': 'c' }, 'c');
    r.git('merge', '-q', '--no-edit', 'side');
    const m = r.git('rev-parse', 'HEAD').trim();
    const list = await designHistory(ctx(r), m, DESIGNS);
    assert.deepEqual(new Set(list.map((x) => x.oid)), new Set([a, b, c]));
    const at = (oid: string) => list.findIndex((x) => x.oid === oid);
    assert.ok(at(b) < at(a) && at(c) < at(a));
    assert.deepEqual(list.find((x) => x.oid === c)?.changes.map((ch) => [ch.path, ch.status]), [['docs/design/a.md', 'M']]);
    assert.equal(list.find((x) => x.oid === a)?.authorEmail, 'author@example.com');
  });

  test('linearSince: the line of commits a branch moved forward by, newest first; [] for the same head', async () => {
    const r = repo();
    const a = r.commit({ 'x.txt': 'a' }, 'a');
    const b = r.commit({ 'x.txt': 'b' }, 'b');
    const c = r.commit({ 'x.txt': 'c' }, 'c');
    assert.deepEqual(await linearSince(ctx(r), c, a), [c, b]);
    assert.deepEqual(await linearSince(ctx(r), c, c), []);
  });

  test('linearSince: undefined across a merge, for a commit that is not an ancestor, and for one git lacks', async () => {
    const r = repo();
    const a = r.commit({ 'x.txt': 'a' }, 'a');
    r.git('checkout', '-q', '-b', 'side');
    const b = r.commit({ 'y.txt': 'b' }, 'b');
    r.git('checkout', '-q', 'main');
    const c = r.commit({ 'z.txt': 'c' }, 'c');
    r.git('merge', '-q', '--no-edit', 'side');
    const m = r.git('rev-parse', 'HEAD').trim();
    assert.equal(await linearSince(ctx(r), m, a), undefined);
    assert.equal(await linearSince(ctx(r), c, b), undefined);
    assert.equal(await linearSince(ctx(r), a, c), undefined);
    assert.equal(await linearSince(ctx(r), c, 'f'.repeat(40)), undefined);
  });

  test('on generated histories with merges, the line since an ancestor followed by its order is git\'s order of the head', async () => {
    // A small deterministic generator: branches fork from random earlier commits and merge back,
    // with commit dates out of order, then a line of commits on top of each sampled ancestor.
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    for (let round = 0; round < 3; round++) {
      const r = repo();
      let time = 1_700_000_000;
      const commitAt = (files: Record<string, string>, msg: string): string => {
        time += rand(5) === 0 ? -3600 : 60;
        const env = { GIT_AUTHOR_DATE: `${time} +0000`, GIT_COMMITTER_DATE: `${time} +0000` };
        r.write(files);
        execFileSync('git', ['add', '-A'], { cwd: r.dir, env: gitEnv(env) });
        execFileSync('git', ['commit', '-q', '--allow-empty', '-m', msg], { cwd: r.dir, env: gitEnv(env) });
        return r.git('rev-parse', 'HEAD').trim();
      };
      const mainline: string[] = [commitAt({ 'f0.txt': '0' }, 'root')];
      for (let i = 1; i < 30; i++) {
        if (rand(4) === 0) {
          const from = mainline[rand(mainline.length)]!;
          r.git('checkout', '-q', '-b', `b${i}`, from);
          for (let k = 0; k < 1 + rand(3); k++) commitAt({ [rand(2) === 0 ? `docs/design/b${i}-${k}.md` : `b${i}-${k}.txt`]: `b${i} ${k}` }, `b${i} ${k}`);
          r.git('checkout', '-q', 'main');
          r.git('merge', '-q', '--no-edit', `b${i}`);
          mainline.push(r.git('rev-parse', 'HEAD').trim());
        } else {
          mainline.push(commitAt({ [rand(2) === 0 ? `docs/design/c${i}.md` : `f${i}.txt`]: `c${i}` }, `c${i}`));
        }
      }
      // The line starts on a merge, whose history is the most tangled.
      r.git('checkout', '-q', '-b', 'last', mainline[rand(mainline.length)]!);
      commitAt({ 'last.txt': 'x' }, 'last');
      r.git('checkout', '-q', 'main');
      r.git('merge', '-q', '--no-edit', 'last');
      const cut = r.git('rev-parse', 'HEAD').trim();
      assert.equal(r.git('rev-list', '--parents', '-n', '1', cut).trim().split(' ').length, 3);
      const line: string[] = [];
      for (let k = 0; k < 4; k++) line.unshift(commitAt({ [k % 2 === 0 ? `docs/design/top${k}.md` : `top${k}.txt`]: `top ${k}` }, `top ${k}`));
      const head = line[0]!;
      const since = await linearSince(ctx(r), head, cut);
      assert.deepEqual(since, line);
      const topo = (rev: string) => r.git('rev-list', '--topo-order', rev).trim().split('\n');
      assert.deepEqual([...since!, ...topo(cut)], topo(head));
      // designHistory keeps rev-list's order, filtered to the commits that change the paths, and
      // says what readChanges says of each.
      const paths = [':(top,literal)docs/design'];
      const history = await designHistory(ctx(r), head, paths);
      const changed = await readChanges(ctx(r), topo(head), paths);
      assert.ok(history.length > 5, `${history.length} commits change the designs`);
      assert.deepEqual(history.map((x) => x.oid), topo(head).filter((oid) => changed.has(oid)));
      for (const x of history) assert.deepEqual(x, changed.get(x.oid));
    }
  });

  test('readChanges: what each commit did to the design folders, with authors; merges and other folders absent', async () => {
    const r = repo();
    const c1 = r.commit({ 'docs/design/a b.md': 'one\n', 'src/a.ts': 'x' }, 'add');
    const c2 = r.commit({ 'docs/design/a b.md': 'two\n' }, 'edit');
    r.git('rm', '-q', 'docs/design/a b.md');
    r.git('commit', '-q', '-m', 'delete');
    const c3 = r.git('rev-parse', 'HEAD').trim();
    const c4 = r.commit({ 'src/a.ts': 'y' }, 'code only');
    const changes = await readChanges(ctx(r), [c4, c3, c2, c1], DESIGNS);
    assert.equal(changes.has(c4), false);
    assert.deepEqual(changes.get(c1)?.changes.map((c) => [c.status, c.path, c.oldOid === undefined, c.newOid !== undefined]), [['A', 'docs/design/a b.md', true, true]]);
    assert.equal(changes.get(c2)?.changes[0]?.status, 'M');
    assert.equal(changes.get(c2)?.changes[0]?.oldOid, changes.get(c1)?.changes[0]?.newOid);
    assert.equal(changes.get(c3)?.changes[0]?.status, 'D');
    assert.equal(changes.get(c3)?.changes[0]?.newOid, undefined);
    assert.equal(changes.get(c1)?.authorEmail, 'author@example.com');
  });

  test('renames are a delete plus an add, whatever diff.renames says', async () => {
    const r = repo();
    r.commit({ 'docs/design/a.md': 'same\n' }, 'add');
    r.git('config', 'diff.renames', 'true');
    r.git('mv', 'docs/design/a.md', 'docs/design/b.md');
    r.git('commit', '-q', '-m', 'move');
    const head = r.git('rev-parse', 'HEAD').trim();
    const changes = await readChanges(ctx(r), [head], DESIGNS);
    assert.deepEqual(changes.get(head)?.changes.map((c) => `${c.status} ${c.path}`).sort(), ['A docs/design/b.md', 'D docs/design/a.md']);
  });

  test('log.showSignature and replace objects cannot change what history says', async () => {
    const r = repo();
    const c1 = r.commit({ 'docs/design/a.md': 'one\n' }, 'one');
    const c2 = r.commit({ 'docs/design/a.md': 'two\n' }, 'two');
    r.git('config', 'log.showSignature', 'true');
    r.git('replace', c2, c1);
    const changes = await readChanges(ctx(r), [c2], DESIGNS);
    assert.equal(changes.get(c2)?.changes[0]?.status, 'M');
  });

  test('readOtherChanges names the first path outside the design folders', async () => {
    const r = repo();
    const narrow = r.commit({ 'docs/design/a.md': '1' }, 'narrow');
    const wide = r.commit({ 'docs/design/a.md': '2', 'src/x.ts': 'x' }, 'wide');
    const others = await readOtherChanges(ctx(r), [narrow, wide], DESIGNS);
    assert.equal(others.get(narrow), '');
    assert.equal(others.get(wide), 'src/x.ts');
  });

  test('a shallow clone reports its boundary; a full one none', async () => {
    const r = repo();
    for (let i = 0; i < 4; i++) r.commit({ 'f.txt': `${i}` }, `c${i}`);
    assert.equal(await shallowBoundary(ctx(r)), undefined);
    const dir = makeTempDir();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    execFileSync('git', ['clone', '-q', '--depth', '2', `file://${r.dir}`, dir], { env: gitEnv() });
    const boundary = await shallowBoundary({ cwd: dir, env: gitEnv() });
    assert.deepEqual([...(boundary ?? [])], [r.git('rev-parse', 'HEAD~1').trim()]);
  });

  test('shallowBoundary and commonGitDir of one context ask git once between them', async () => {
    const { r, counted, calls } = countingRepo();
    const [boundary, common] = await Promise.all([shallowBoundary(counted), commonGitDir(counted)]);
    assert.equal(boundary, undefined);
    assert.equal(common, `${r.dir}/.git`);
    assert.equal(await commonGitDir(counted), `${r.dir}/.git`);
    assert.equal(calls('rev-parse'), 1);
  });

  test('designHistory of one context, head and paths asks git once; a prefetch and the check share it', async () => {
    const { r, counted, calls } = countingRepo();
    const head = r.git('rev-parse', 'HEAD').trim();
    const early = designHistory(counted, head, DESIGNS);
    assert.deepEqual(await designHistory(counted, head, DESIGNS), []);
    assert.equal(await early, await designHistory(counted, head, DESIGNS));
    assert.equal(calls('--full-history'), 1);
    // Another context asks again: nothing is shared across runs.
    await designHistory({ ...counted }, head, DESIGNS);
    assert.equal(calls('--full-history'), 2);
  });

  test('commonGitDir is shared by linked worktrees', async () => {
    const r = repo();
    r.commit({ 'f.txt': '1' }, 'one');
    const dir = makeTempDir();
    rmSync(dir, { recursive: true, force: true });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    r.git('worktree', 'add', '-q', dir);
    assert.equal(await commonGitDir({ cwd: dir, env: gitEnv() }), `${r.dir}/.git`);
  });

  test('commitsTouching: non-merge commits of the range that change the paths, newest first', async () => {
    const r = repo();
    const base = r.commit({ '.designrc.json': '{}' }, 'base');
    const c1 = r.commit({ '.designrc.json': '{"a":1}' }, 'c1');
    r.commit({ 'src/x.ts': 'x' }, 'other');
    const c2 = r.commit({ 'keys/signers': 'k' }, 'c2');
    const head = r.git('rev-parse', 'HEAD').trim();
    assert.deepEqual(await commitsTouching(ctx(r), base, head, ['.designrc.json', 'keys/signers']), [c2, c1]);
    assert.deepEqual(await commitsTouching(ctx(r), head, head, ['.designrc.json']), []);
  });

  test('parseLog refuses output of an unexpected shape instead of returning less history', () => {
    assert.deepEqual(parseLog(''), []);
    assert.throws(() => parseLog('garbage\0'), (e: unknown) => isDesignGateError(e) && e.code === 'GIT');
    assert.throws(() => parseLog(`\x1e${'a'.repeat(40)}\0x@y\0x@y\0\n:100644 100644 ${'1'.repeat(40)} ${'2'.repeat(40)} M\0\0`), (e: unknown) => isDesignGateError(e));
    const ok = parseLog(`\x1e${'a'.repeat(40)}\0a@x\0c@x\0\n:000000 100644 ${'0'.repeat(40)} ${'2'.repeat(40)} A\0docs/a.md\0\x1e${'b'.repeat(40)}\0a@x\0c@x\0`);
    assert.equal(ok.length, 2);
    assert.deepEqual(ok[0]?.changes, [{ path: 'docs/a.md', status: 'A', newOid: '2'.repeat(40) }]);
    assert.deepEqual(ok[1]?.changes, []);
  });

  test('an unknown head is a GIT error with a fix', async () => {
    const r = repo();
    r.commit({ 'f.txt': '1' }, 'one');
    await assert.rejects(designHistory(ctx(r), 'f'.repeat(40), DESIGNS), (e: unknown) => isDesignGateError(e) && e.code === 'GIT' && /fetch-depth/.test(e.fix ?? ''));
  });
});
