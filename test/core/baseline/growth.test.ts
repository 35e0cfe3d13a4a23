/**
 * checkBaselineGrowth on real histories (reliability C5 at verify): the base's baseline is the
 * trust, growth needs a base approver's approval by the trust-root rule, shrinking is free.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASELINE_FILE, formatBaseline } from '../../../core/baseline/format.js';
import { checkBaselineGrowth } from '../../../core/baseline/growth.js';
import { openGit } from '../../../core/git/index.js';
import { configLocator } from '../../../core/verify/governing.js';
import { alice, bob, config, gateRepo, hookEnv, mallory, removeScratch, type GateRepo } from '../../hooks/fixtures/gate-repo.js';

const repos: GateRepo[] = [];
after(() => {
  repos.forEach((r) => r.cleanup());
  removeScratch();
});

/** A repository whose base (tag `base`) holds the config and, when given, a baseline. */
function repo(entries?: string[]): GateRepo {
  const r = gateRepo();
  repos.push(r);
  if (entries !== undefined) r.commitAs(alice, { [BASELINE_FILE]: formatBaseline(entries), ...Object.fromEntries(entries.map((e) => [e, 'old\n'])) }, 'baseline');
  r.git('tag', 'base');
  return r;
}

async function growth(r: GateRepo) {
  const env = hookEnv(r.home);
  const git = await openGit({ cwd: r.dir, env });
  try {
    const base = (await git.resolve('base'))!;
    const head = (await git.resolve('HEAD'))!;
    const baseLocate = configLocator(r.dir, (p) => git.readAt(base, p));
    const result = await checkBaselineGrowth({ ctx: { cwd: r.dir, env }, git, base, head, baseLocate, now: new Date() });
    return { ...result, exempt: [...result.exempt].sort() };
  } finally {
    await git.close();
  }
}

const approvedBy = (p: { name: string; email: string }) => `Grow the baseline\n\nApproved-by: ${p.name} <${p.email}>`;

describe('checkBaselineGrowth', () => {
  test('unchanged or shrinking: nothing to approve; the base entries are exempt', async () => {
    const r = repo(['src/a.ts', 'src/b.ts']);
    assert.deepEqual(await growth(r), { problems: [], exempt: ['src/a.ts', 'src/b.ts'] });
    r.commitAs(alice, { [BASELINE_FILE]: formatBaseline(['src/b.ts']) }, 'shrink');
    assert.deepEqual(await growth(r), { problems: [], exempt: ['src/a.ts', 'src/b.ts'] });
  });

  test('C5 — growth without approval is refused at verify, naming the entries and the fix; it exempts nothing new', async () => {
    const r = repo(['src/a.ts']);
    r.commitAs(alice, { [BASELINE_FILE]: formatBaseline(['src/a.ts', 'src/new.ts', 'src/z.ts']) }, 'exempt my code');
    const { problems, exempt } = await growth(r);
    assert.equal(problems.length, 1);
    const p = problems[0]!;
    assert.deepEqual([p.file, p.ruleId, p.severity], [BASELINE_FILE, 'baseline-grown', 'error']);
    assert.match(p.message, /grows by 2 entries \(src\/new\.ts, src\/z\.ts\).*\.designrc\.json.*may only shrink/);
    assert.match(p.fix ?? '', /`designgate new src\/new\.ts`/);
    assert.deepEqual(exempt, ['src/a.ts']);
  });

  test('C5 — a base without a baseline and a change that adds one with entries is growth too', async () => {
    const r = repo();
    r.commitAs(alice, { [BASELINE_FILE]: formatBaseline(['src/x.ts']) }, 'add a baseline');
    assert.deepEqual((await growth(r)).problems.map((p) => p.ruleId), ['baseline-grown']);
  });

  test('C5 — the same change making its author an approver in .designrc.json gains nothing: approvers come from the base', async () => {
    const r = repo();
    r.commitAs(mallory, { '.designrc.json': config({ approvers: [{ name: bob.name, email: bob.email }, { name: mallory.name, email: mallory.email }] }), [BASELINE_FILE]: formatBaseline(['src/x.ts']) }, approvedBy(mallory));
    assert.deepEqual((await growth(r)).problems.map((p) => p.ruleId), ['baseline-grown']);
  });

  test('growth approved by an approver of the base (not its author) passes and exempts the new entries', async () => {
    const r = repo(['src/a.ts']);
    r.commitAs(alice, { [BASELINE_FILE]: formatBaseline(['src/a.ts', 'src/x.ts']) }, approvedBy(bob));
    r.commitAs(alice, { 'README.md': 'later\n' }, 'later work');
    assert.deepEqual(await growth(r), { problems: [], exempt: ['src/a.ts', 'src/x.ts'] });
  });

  test('an approval of an earlier state does not cover entries added after it', async () => {
    const r = repo();
    r.commitAs(alice, { [BASELINE_FILE]: formatBaseline(['src/x.ts']) }, approvedBy(bob));
    r.commitAs(alice, { [BASELINE_FILE]: formatBaseline(['src/x.ts', 'src/y.ts']) }, 'sneak one in');
    const { problems, exempt } = await growth(r);
    assert.match(problems[0]?.message ?? '', /\(src\/x\.ts, src\/y\.ts\)/);
    assert.deepEqual(exempt, []);
  });

  test('the approver approving their own commit does not count (self-approval is off at the base)', async () => {
    const r = repo();
    r.commitAs(bob, { [BASELINE_FILE]: formatBaseline(['src/x.ts']) }, approvedBy(bob));
    assert.deepEqual((await growth(r)).problems.map((p) => p.ruleId), ['baseline-grown']);
  });

  test('a malformed baseline in the change is a located baseline-invalid finding that exempts nothing', async () => {
    const r = repo(['src/a.ts']);
    r.commitAs(alice, { [BASELINE_FILE]: '{\n  "version": 1,\n  "files": [1]\n}\n' }, 'broken');
    const { problems, exempt } = await growth(r);
    assert.deepEqual(problems.map((p) => [p.file, p.line, p.ruleId]), [[BASELINE_FILE, 3, 'baseline-invalid']]);
    assert.deepEqual(exempt, ['src/a.ts']);
  });
});
