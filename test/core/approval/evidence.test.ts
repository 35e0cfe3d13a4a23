import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gitEnv, type TempRepo } from '../../helpers/repo.js';
import { openGit } from '../../../core/git/index.js';
import { EvidenceStore } from '../../../core/approval/cache.js';
import { EvidenceIndex, blobOid, factsOf, openEvidenceStore, prefetchEvidence, scopePathspecs } from '../../../core/approval/evidence.js';
import { DESIGN, alice, approvalRepo, approveAs, approvedText, bob, carol, commitAs, designText, runCheck } from './helpers.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
function track(r: TempRepo): TempRepo {
  repos.push(r);
  return r;
}
const read = (r: TempRepo) => readFileSync(join(r.dir, DESIGN), 'utf8');

async function index(r: TempRepo) {
  const env = gitEnv();
  const git = await openGit({ cwd: r.dir, env });
  const head = (await git.resolve('HEAD'))!;
  const idx = await EvidenceIndex.open({ ctx: { cwd: r.dir, env }, git, head, scopes: ['docs/design'], store: EvidenceStore.memory('') });
  return { idx, git };
}

describe('evidence helpers', () => {
  test('scopePathspecs: literal folders from the top, nested folders folded, the root covers all', () => {
    assert.deepEqual(scopePathspecs(['docs/design/', 'docs/design/core', 'pkg/a/docs']), [':(top,literal)docs/design', ':(top,literal)pkg/a/docs']);
    assert.deepEqual(scopePathspecs(['docs', '']), [':(top)']);
  });

  test('blobOid is what git hash-object computes', () => {
    const r = track(approvalRepo());
    const text = 'Zoë\r\nline\n';
    writeFileSync(join(r.dir, 'x.txt'), text);
    assert.equal(blobOid(text), r.git('hash-object', 'x.txt').trim());
  });

  test('factsOf: digest, approval digest, approvers, status, identity safety', () => {
    const text = approvedText(designText(), [bob, { ...carol, email: 'CAROL@x.org' }]);
    const f = factsOf(DESIGN, text);
    assert.equal(f.approvalDigest, f.digest);
    assert.deepEqual(f.by, ['bob@x.org', 'carol@x.org']);
    assert.equal(f.statusApproved, true);
    assert.equal(f.identitiesSafe, true);
    assert.equal(factsOf(DESIGN, 'no frontmatter').digest, undefined);
    assert.equal(factsOf(DESIGN, '---\napproval: 1\n---\n').malformed, true);
    assert.equal(factsOf(DESIGN, approvedText(designText(), [{ name: 'B', email: 'b\u043e@x.org' }])).identitiesSafe, false);
  });
});

describe('openEvidenceStore and prefetchEvidence', () => {
  test('one store per context and scope: a prefetch and the checks of one run share it; another context loads its own', async () => {
    const r = track(approvalRepo());
    const keyDir = join(r.dir, '.git', 'test-cache-key');
    mkdirSync(keyDir, { recursive: true });
    const ctx = { cwd: r.dir, env: gitEnv() };
    prefetchEvidence(ctx, r.git('rev-parse', 'HEAD').trim(), ['docs/design'], keyDir);
    const first = await openEvidenceStore(ctx, ['docs/design'], keyDir);
    assert.equal(await openEvidenceStore(ctx, ['docs/design/'], keyDir), first);
    assert.notEqual(await openEvidenceStore(ctx, ['docs'], keyDir), first);
    assert.notEqual(await openEvidenceStore({ ...ctx }, ['docs/design'], keyDir), first);
  });
});

describe('EvidenceIndex', () => {
  test('entries are newest first and findIntroduction finds the approval commit', async () => {
    const r = track(approvalRepo());
    const approval = approveAs(r, bob);
    commitAs(r, { [DESIGN]: read(r).replace('status: approved', "status: 'approved'") }, { author: carol, message: 'reformat' });
    const { idx, git } = await index(r);
    try {
      const entries = idx.entries(DESIGN);
      assert.equal(entries.length, 3);
      assert.equal(entries[1]?.commit, approval);
      const digest = factsOf(DESIGN, read(r)).digest!;
      const found = await idx.findIntroduction(DESIGN, digest, 'bob@x.org');
      assert.equal(found.kind, 'introduced');
      if (found.kind === 'introduced') assert.equal(found.entry.commit, approval);
      assert.equal((await idx.findIntroduction(DESIGN, digest, 'carol@x.org')).kind, 'none');
    } finally {
      await git.close();
    }
  });

  test('a removal after the approval is a withdrawal', async () => {
    const r = track(approvalRepo());
    approveAs(r, bob);
    const digest = factsOf(DESIGN, read(r)).digest!;
    const withdrawal = commitAs(r, { [DESIGN]: designText() }, { author: alice, message: 'Unapprove' });
    const { idx, git } = await index(r);
    try {
      const found = await idx.findIntroduction(DESIGN, digest, 'bob@x.org');
      assert.equal(found.kind, 'withdrawn');
      if (found.kind === 'withdrawn') assert.equal(found.entry.commit, withdrawal);
    } finally {
      await git.close();
    }
  });

  test('confirmAfter re-reads git and rejects an entry git disagrees with', async () => {
    const r = track(approvalRepo());
    approveAs(r, bob);
    const { idx, git } = await index(r);
    try {
      const entry = idx.entries(DESIGN)[0]!;
      const [good] = await idx.confirmAfter([{ path: DESIGN, entry }], new Map());
      assert.deepEqual(good?.by, ['bob@x.org']);
      const forged = { ...entry, change: { ...entry.change, newOid: 'f'.repeat(40) } };
      const [bad] = await idx.confirmAfter([{ path: DESIGN, entry: forged }], new Map());
      assert.equal(bad, undefined);
    } finally {
      await git.close();
    }
  });
});

describe('the cache never changes a verdict', () => {
  const states: Array<[string, (r: TempRepo) => void, string]> = [
    ['approved', (r) => approveAs(r, bob), 'approved'],
    ['stale', (r) => { approveAs(r, bob); commitAs(r, { [DESIGN]: read(r).replace('runs', 'ran') }, { author: carol }); }, 'stale'],
    ['draft', () => undefined, 'draft'],
    ['status without approval', (r) => commitAs(r, { [DESIGN]: read(r).replace('status: draft', 'status: approved') }, { author: carol }), 'draft'],
    ['self-approved', (r) => { commitAs(r, { [DESIGN]: designText('Bob wrote it.') }, { author: bob }); approveAs(r, bob); }, 'unverified'],
  ];
  for (const [name, build, state] of states) {
    test(`${name}: cold, then warm from the cache, the same verdict and problems`, async () => {
      const r = track(approvalRepo());
      build(r);
      const cold = await runCheck(r, { cache: false });
      const first = await runCheck(r);
      const warm = await runCheck(r);
      assert.equal(cold.verdict.state, state);
      assert.deepEqual(first.result, cold.result);
      assert.deepEqual(warm.result, cold.result);
    });
  }

  test('a cache planted without the key cannot make a stale design approved', async () => {
    const r = track(approvalRepo());
    approveAs(r, bob);
    await runCheck(r); // writes a genuine cache
    writeFileSync(join(r.dir, DESIGN), read(r).replace('runs sessions', 'runs anything'));
    const file = join(r.dir, '.git', 'designgate', 'evidence-cache.json');
    const text = readFileSync(file, 'utf8');
    const body = JSON.parse(text.slice(65));
    const facts = factsOf(DESIGN, read(r));
    // Claim the edited text is approved, under a MAC made without the user's key.
    body.blobs[`${DESIGN}\0${blobOid(read(r))}`] = { ...facts, approvalDigest: facts.digest, by: ['bob@x.org'] };
    mkdirSync(join(r.dir, '.git', 'designgate'), { recursive: true });
    writeFileSync(file, `${'e'.repeat(64)}\n${JSON.stringify(body)}`);
    const { verdict } = await runCheck(r);
    assert.equal(verdict.state, 'stale');
  });

});
