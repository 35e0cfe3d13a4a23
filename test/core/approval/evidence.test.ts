import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitEnv, type TempRepo } from '../../helpers/repo.js';
import { openGit } from '../../../core/git/index.js';
import { EvidenceStore, loadCacheKey } from '../../../core/approval/cache.js';
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

describe('history walks start from the cached one', () => {
  /** git behind a wrapper that logs each call, so a test can see which walks ran. */
  function countingEnv(): { env: NodeJS.ProcessEnv; calls: () => string[] } {
    const bin = mkdtempSync(join(tmpdir(), 'designgate-git-log-'));
    after(() => rmSync(bin, { recursive: true, force: true }));
    const log = join(bin, 'calls');
    writeFileSync(log, '');
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
    // The walks: the whole history (`log --full-history`) and a line on top of the last (`rev-list --parents`).
    return { env: gitEnv({ PATH: `${bin}:${process.env['PATH'] ?? ''}` }), calls: () => readFileSync(log, 'utf8').split('\n').filter((l) => l.includes('--full-history') || l.includes('rev-list')) };
  }

  /** Opens the index at HEAD with the store kept in the repository (one run), then saves it. */
  async function run(r: TempRepo, env: NodeJS.ProcessEnv, keyDir: string | undefined) {
    const ctx = { cwd: r.dir, env };
    const git = await openGit({ cwd: r.dir, env });
    try {
      const head = (await git.resolve('HEAD'))!;
      const key = keyDir === undefined ? undefined : await loadCacheKey(keyDir);
      const store = key === undefined ? EvidenceStore.memory('') : await EvidenceStore.load(join(r.dir, '.git', 'walk-cache.json'), JSON.stringify(scopePathspecs(['docs/design'])), key);
      const idx = await EvidenceIndex.open({ ctx, git, head, scopes: ['docs/design'], store });
      await store.save();
      const text = await git.readAt(head, DESIGN);
      const digest = text === undefined ? undefined : factsOf(DESIGN, text.toString('utf8')).digest;
      const found = digest === undefined ? undefined : await idx.findIntroduction(DESIGN, digest, 'bob@x.org');
      return { commits: idx.commits, entries: idx.entries(DESIGN), found };
    } finally {
      await git.close();
    }
  }

  test('a head that only adds commits reads just those; the entries are those of a cold walk', async () => {
    const r = track(approvalRepo());
    const keyDir = mkdtempSync(join(tmpdir(), 'designgate-key-'));
    after(() => rmSync(keyDir, { recursive: true, force: true }));
    approveAs(r, bob);
    const { env, calls } = countingEnv();
    await run(r, env, keyDir);
    assert.equal(calls().filter((c) => !c.includes('--parents')).length, 1, 'the first run walks the whole history');
    commitAs(r, { 'src/d.ts': 'export const a = 1;\n' }, { author: alice, message: 'code' });
    const withdrawal = commitAs(r, { [DESIGN]: designText() }, { author: alice, message: 'Unapprove' });
    commitAs(r, { 'src/d.ts': 'export const a = 2;\n' }, { author: alice, message: 'code again' });
    const warm = await run(r, env, keyDir);
    assert.equal(calls().filter((c) => !c.includes('--parents')).length, 1, 'no second walk of the whole history');
    assert.equal(calls().filter((c) => c.includes('--parents')).length, 1);
    const cold = await run(r, gitEnv(), undefined);
    assert.deepEqual(warm.commits, cold.commits);
    assert.deepEqual(warm.entries, cold.entries);
    assert.equal(warm.found?.kind, 'withdrawn');
    if (warm.found?.kind === 'withdrawn') assert.equal(warm.found.entry.commit, withdrawal);
    // The same head again: no walk at all.
    await run(r, env, keyDir);
    assert.equal(calls().length, 2);
  });

  test('after a merge, or on a branch the walk is not below, the whole history is walked again, with the same entries', async () => {
    const r = track(approvalRepo());
    const keyDir = mkdtempSync(join(tmpdir(), 'designgate-key-'));
    after(() => rmSync(keyDir, { recursive: true, force: true }));
    const { env, calls } = countingEnv();
    await run(r, env, keyDir);
    r.git('checkout', '-q', '-b', 'side');
    approveAs(r, bob);
    r.git('checkout', '-q', 'main');
    commitAs(r, { 'src/d.ts': 'export const b = 1;\n' }, { author: alice, message: 'code' });
    r.git('merge', '-q', '--no-edit', 'side');
    const merged = await run(r, env, keyDir);
    assert.equal(calls().filter((c) => !c.includes('--parents')).length, 2);
    assert.deepEqual(merged, await run(r, gitEnv(), undefined));
    assert.equal(merged.found?.kind, 'introduced');
    r.git('checkout', '-q', 'base');
    const other = await run(r, env, keyDir);
    assert.equal(calls().filter((c) => !c.includes('--parents')).length, 3);
    assert.deepEqual(other.commits, (await run(r, gitEnv(), undefined)).commits);
  });
});

