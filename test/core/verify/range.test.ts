/** Turning --base/--head into a verifiable range, or refusing (exit 2) with the fix. */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { DesignGateError } from '../../../core/errors.js';
import { openGit } from '../../../core/git/index.js';
import { checkAncestry, isAncestor, resolveEnds, resolveRange } from '../../../core/verify/range.js';
import { gitEnv, makeRepo, makeTempDir, type TempRepo } from '../../helpers/repo.js';

const cleanups: Array<() => void> = [];
after(() => cleanups.forEach((f) => f()));

function history(): { r: TempRepo; a: string; b: string; side: string } {
  const r = makeRepo({ 'x.txt': '1\n' });
  cleanups.push(r.cleanup);
  const a = r.git('rev-parse', 'HEAD').trim();
  const b = r.commit({ 'x.txt': '2\n' }, 'b');
  r.git('checkout', '-q', '-b', 'side', a);
  const side = r.commit({ 'y.txt': 's\n' }, 'side');
  r.git('checkout', '-q', 'main');
  return { r, a, b, side };
}

async function range(dir: string, base: string, head: string) {
  const env = gitEnv();
  const git = await openGit({ cwd: dir, env });
  try {
    return await resolveRange(git, { cwd: dir, env }, { base, head });
  } finally {
    await git.close();
  }
}

function refusal(code: string, pattern: RegExp, fix: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof DesignGateError, String(e));
    assert.equal(e.code, code);
    assert.match(e.message, pattern);
    assert.match(e.fix ?? '', fix);
    return true;
  };
}

describe('resolveRange', () => {
  test('a base that is an ancestor of the head: both as full ids', async () => {
    const { r, a, b } = history();
    assert.deepEqual(await range(r.dir, 'main~1', 'main'), { base: a, head: b });
  });

  test('refuses an empty, an inverted and an unrelated range, and a base or head that does not exist', async () => {
    const { r } = history();
    await assert.rejects(range(r.dir, 'main', 'main'), refusal('USAGE', /is empty/, /--base/));
    await assert.rejects(range(r.dir, 'main', 'main~1'), refusal('USAGE', /inverted/, /swap/));
    await assert.rejects(range(r.dir, 'side', 'main'), refusal('GIT', /is not an ancestor of main/, /merge-base|fetch-depth/));
    await assert.rejects(range(r.dir, 'origin/main', 'main'), refusal('GIT', /does not name a commit/, /fetch-depth: 0/));
    await assert.rejects(range(r.dir, 'main', 'nope'), refusal('GIT', /head `nope`/, /--head/));
  });

  test('in two halves: resolveEnds takes an inverted or unrelated range, checkAncestry refuses it', async () => {
    const { r, a, b } = history();
    const env = gitEnv();
    const ctx = { cwd: r.dir, env };
    const git = await openGit(ctx);
    try {
      const inverted = await resolveEnds(git, ctx, { base: 'main', head: 'main~1' });
      assert.deepEqual(inverted, { base: b, head: a });
      await assert.rejects(checkAncestry(ctx, inverted, { base: 'main', head: 'main~1' }), refusal('USAGE', /inverted/, /swap/));
      const unrelated = await resolveEnds(git, ctx, { base: 'side', head: 'main' });
      await assert.rejects(checkAncestry(ctx, unrelated, { base: 'side', head: 'main' }), refusal('GIT', /is not an ancestor of main/, /merge-base|fetch-depth/));
      await checkAncestry(ctx, { base: a, head: b }, { base: 'main~1', head: 'main' });
      await assert.rejects(resolveEnds(git, ctx, { base: 'main', head: 'main' }), refusal('USAGE', /is empty/, /--base/));
    } finally {
      await git.close();
    }
  });

  test('refuses a shallow clone whatever the range', async () => {
    const { r } = history();
    const clone = makeTempDir('designgate-shallow-');
    cleanups.push(() => rmSync(clone, { recursive: true, force: true }));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${r.dir}`, clone], { env: gitEnv() });
    await assert.rejects(range(clone, 'HEAD', 'HEAD'), refusal('GIT', /shallow clone/, /fetch-depth: 0/));
  });
});

describe('isAncestor', () => {
  test('true, false, and a GIT error for a bad revision', async () => {
    const { r, a, b, side } = history();
    const ctx = { cwd: r.dir, env: gitEnv() };
    assert.equal(await isAncestor(ctx, a, b), true);
    assert.equal(await isAncestor(ctx, side, b), false);
    await assert.rejects(isAncestor(ctx, 'nope', b), (e: unknown) => e instanceof DesignGateError && e.code === 'GIT');
  });
});
