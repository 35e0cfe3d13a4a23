/** The approval gate over the designs changed code relies on, in real repositories. */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { openGit } from '../../../core/git/index.js';
import { checkDesignApprovals, designPredicate } from '../../../core/verify/approvals.js';
import { configLocator } from '../../../core/verify/governing.js';
import type { DesignNeed } from '../../../core/verify/snapshot.js';
import { alice, approve, bob, config, draft, gateRepo, hookEnv, type GateRepo } from '../../hooks/fixtures/gate-repo.js';

const repos: GateRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
const D = 'docs/design/a.md';
const approveMessage = 'Approve a\n\nApproved-by: Bob Approver <bob@example.com>';

async function gate(r: GateRepo, texts: string[], evidence: 'head' | 'none' = 'head') {
  const env = hookEnv(r.home);
  const git = await openGit({ cwd: r.dir, env });
  try {
    const head = await git.resolve('HEAD');
    const governing = (await configLocator(r.dir, (p) => git.readAt(head!, p))('src/a.ts'))!;
    const needs: DesignNeed[] = texts.map((text) => ({ design: D, text, governing, files: ['src/a.ts'] }));
    return await checkDesignApprovals({ git, ctx: { cwd: r.dir, env }, needs, trustRev: head, evidenceHead: () => (evidence === 'head' ? head : undefined), now: new Date() });
  } finally {
    await git.close();
  }
}

function repo(configText?: string, approved = true): GateRepo {
  const r = gateRepo(configText);
  repos.push(r);
  r.commitAs(alice, { [D]: draft() }, 'design');
  if (approved) r.commitAs(bob, { [D]: approve(D, draft()) }, approveMessage);
  return r;
}

const refused = (problems: { file: string; ruleId: string; severity: string }[]) =>
  problems.filter((p) => p.ruleId === 'design-not-approved').map((p) => `${p.file} ${p.severity}`);

describe('checkDesignApprovals', () => {
  test('a verified approval: no problem but the unsigned-attestation warning, and its verdict', async () => {
    const r = repo();
    const result = await gate(r, [approve(D, draft())]);
    assert.deepEqual(result.problems.map((p) => p.ruleId), ['approval-unsigned-attestation']);
    assert.equal(result.verdicts.get(D)?.state, 'approved-unsigned');
  });

  test('a draft, a stale approval, an approval not yet committed: every relying file is refused, with why', async () => {
    const r = repo(undefined, false);
    assert.deepEqual(refused((await gate(r, [draft()])).problems), ['src/a.ts error']);
    const stale = approve(D, draft()).replace('Does one thing.', 'Edited.');
    const s = await gate(r, [stale]);
    assert.deepEqual(refused(s.problems), ['src/a.ts error']);
    assert.ok(s.problems.some((p) => p.ruleId === 'approval-stale' && p.file === D));
    const c = await gate(r, [approve(D, draft())]);
    assert.ok(c.problems.some((p) => p.ruleId === 'approval-not-committed'));
    assert.match(c.problems.find((p) => p.ruleId === 'design-not-approved')!.message, /is not verified/);
  });

  test('no evidence head (no commits before the code) is never approved', async () => {
    const r = repo();
    assert.deepEqual(refused((await gate(r, [approve(D, draft())], 'none')).problems), ['src/a.ts error']);
  });

  test('two versions of one design are judged separately', async () => {
    const r = repo();
    const result = await gate(r, [draft(), approve(D, draft())]);
    assert.deepEqual(refused(result.problems), ['src/a.ts error']);
  });

  test("gates.approval 'warn' gives warnings; 'off' gives nothing", async () => {
    const warn = repo(config({ gates: { approval: 'warn', completeness: 'error', architecture: 'off' } }), false);
    assert.deepEqual(refused((await gate(warn, [draft()])).problems), ['src/a.ts warning']);
    const off = repo(config({ gates: { approval: 'off', completeness: 'error', architecture: 'off' } }), false);
    assert.deepEqual(refused((await gate(off, [draft()])).problems), []);
  });
});

describe('designPredicate', () => {
  test('designs and the architecture of the nearest config', async () => {
    const read = async (p: string) =>
      p === '.designrc.json'
        ? Buffer.from(JSON.stringify({ components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }], architecture: 'docs/architecture.md' }))
        : undefined;
    const g = (await configLocator('/repo', read)('src/a.ts'))!;
    const isDesign = designPredicate([g]);
    assert.equal(isDesign('docs/design/a.md'), true);
    assert.equal(isDesign('docs/architecture.md'), true);
    assert.equal(isDesign('src/a.ts'), false);
  });
});
