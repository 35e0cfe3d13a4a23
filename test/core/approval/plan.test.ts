import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitEnv, type TempRepo } from '../../helpers/repo.js';
import { openGit } from '../../../core/git/index.js';
import { isDesignGateError } from '../../../core/errors.js';
import { expandDesigns, isDesign, planApprove, planConfirm, planUnapprove } from '../../../core/approval/plan.js';
import { contextDigest } from '../../../core/architecture/reader.js';
import { readApprovalBlock } from '../../../core/approval/block.js';
import { readFrontmatter } from '../../../core/frontmatter.js';
import { DESIGN, alice, approvalRepo, approveAs, bob, carol, commitAs, designText } from './helpers.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
function repo(options: Parameters<typeof approvalRepo>[0] = {}): TempRepo {
  const r = approvalRepo(options);
  repos.push(r);
  return r;
}
const NOW = new Date('2026-11-20T10:00:00.500Z');

async function withGit<T>(r: TempRepo, fn: (git: Awaited<ReturnType<typeof openGit>>) => Promise<T>): Promise<T> {
  const git = await openGit({ cwd: r.dir, env: gitEnv() });
  try {
    return await fn(git);
  } finally {
    await git.close();
  }
}

const usage = (pattern: RegExp) => (e: unknown) => isDesignGateError(e) && e.code === 'USAGE' && pattern.test(e.message) && e.fix !== undefined;

describe('expandDesigns and isDesign', () => {
  test('files, folders, and refusals', () => {
    const r = repo();
    const files = ['.designrc.json', DESIGN, 'docs/design/sub/e.md', 'docs/design/sub/notes.txt', 'src/d.ts'];
    assert.deepEqual(expandDesigns(r.dir, [DESIGN], files), [DESIGN]);
    assert.deepEqual(expandDesigns(r.dir, ['docs/design/'], files), [DESIGN, 'docs/design/sub/e.md']);
    assert.deepEqual(expandDesigns(r.dir, ['docs', DESIGN], files), [DESIGN, 'docs/design/sub/e.md']);
    assert.throws(() => expandDesigns(r.dir, ['src/d.ts'], files), usage(/not a design document/));
    assert.throws(() => expandDesigns(r.dir, ['src'], files), usage(/holds no design documents/));
    assert.throws(() => expandDesigns(r.dir, ['docs/design/nope.md'], files), usage(/does not exist/));
    assert.ok(isDesign(r.dir, DESIGN));
    assert.ok(!isDesign(r.dir, 'src/d.ts'));
  });
});

describe('planApprove', () => {
  test('writes the approval for the user, keeping the rest of the text', async () => {
    const r = repo();
    const plan = await withGit(r, (git) => planApprove({ repoRoot: r.dir, git, paths: [DESIGN], user: bob, now: NOW }));
    assert.equal(plan.edits.length, 1);
    const edit = plan.edits[0]!;
    assert.equal(edit.before, designText());
    assert.equal(edit.signed, true);
    assert.equal(edit.mode, 0o644);
    const block = readApprovalBlock(readFrontmatter(edit.after, DESIGN).data);
    assert.ok(block.kind === 'ok');
    assert.deepEqual(block.block.by, [{ name: bob.name, email: bob.email }]);
    assert.equal(block.block.at, '2026-11-20T10:00:00Z');
  });

  test('a current approval by someone else gains the user; a stale one is replaced', async () => {
    const r = repo();
    approveAs(r, carol);
    let plan = await withGit(r, (git) => planApprove({ repoRoot: r.dir, git, paths: [DESIGN], user: bob, now: NOW }));
    let block = readApprovalBlock(readFrontmatter(plan.edits[0]!.after, DESIGN).data);
    assert.ok(block.kind === 'ok');
    assert.deepEqual(block.block.by.map((i) => i.email), ['carol@x.org', 'bob@x.org']);
    commitAs(r, { [DESIGN]: readFileSync(join(r.dir, DESIGN), 'utf8').replace('runs', 'ran') }, { author: alice });
    plan = await withGit(r, (git) => planApprove({ repoRoot: r.dir, git, paths: [DESIGN], user: bob, now: NOW }));
    block = readApprovalBlock(readFrontmatter(plan.edits[0]!.after, DESIGN).data);
    assert.ok(block.kind === 'ok');
    assert.deepEqual(block.block.by.map((i) => i.email), ['bob@x.org']);
  });

  test('already approved by the user as it stands: unchanged', async () => {
    const r = repo();
    approveAs(r, bob);
    const plan = await withGit(r, (git) => planApprove({ repoRoot: r.dir, git, paths: [DESIGN], user: { ...bob, email: 'BOB@x.org' }, now: NOW }));
    assert.deepEqual(plan.edits, []);
    assert.match(plan.unchanged[0]?.reason ?? '', /already approved by you/);
  });

  const refusals: Array<[string, (r: TempRepo) => void, { name: string; email: string }, RegExp]> = [
    ['not an approver', () => undefined, { name: 'Mallory', email: 'mallory@x.org' }, /not an approver/],
    ['an unsafe identity', () => undefined, { name: 'Bob', email: 'b\u043eb@x.org' }, /not plain ASCII/],
    ['uncommitted content in the work tree', (r) => writeFileSync(join(r.dir, DESIGN), designText('WIP')), bob, /content changes that are not committed/],
    ['staged content', (r) => { writeFileSync(join(r.dir, DESIGN), designText('WIP')); r.git('add', DESIGN); writeFileSync(join(r.dir, DESIGN), designText()); }, bob, /not committed/],
  ];
  for (const [what, setup, user, message] of refusals) {
    test(`refuses ${what}`, async () => {
      const r = repo();
      setup(r);
      await assert.rejects(withGit(r, (git) => planApprove({ repoRoot: r.dir, git, paths: [DESIGN], user, now: NOW })), usage(message));
    });
  }

  test('refuses a design outside the approver\'s paths', async () => {
    const r = repo({ approvers: [{ person: bob, paths: ['docs/design/core/**'] }] });
    await assert.rejects(withGit(r, (git) => planApprove({ repoRoot: r.dir, git, paths: [DESIGN], user: bob, now: NOW })), usage(/not for docs\/design\/d\.md/));
  });
});

describe('planUnapprove', () => {
  test('removes an approval; a draft is left alone', async () => {
    const r = repo();
    approveAs(r, bob);
    commitAs(r, { 'docs/design/e.md': designText('E.') }, { author: alice });
    const plan = await withGit(r, (git) => planUnapprove({ repoRoot: r.dir, git, paths: [DESIGN, 'docs/design/e.md'] }));
    assert.equal(plan.edits.length, 1);
    assert.equal(plan.edits[0]?.after, designText());
    assert.match(plan.unchanged[0]?.reason ?? '', /no approval to withdraw/);
  });
});

describe('the recorded context and planConfirm', () => {
  const ARCH = 'docs/architecture.md';
  // web's folder lies inside core's (Gate 1 reports the overlap): a design there has no one context.
  const arch = (purpose: string) => `---\ncontexts:\n  core:\n    owns: [src/]\n    purpose: ${purpose}\n  web:\n    owns: [src/sub/]\n---\n`;
  const blockOf = (text: string) => {
    const block = readApprovalBlock(readFrontmatter(text, DESIGN).data);
    assert.ok(block.kind === 'ok');
    return block.block;
  };

  test('an approval records the digest of its context entry as committed at HEAD', async () => {
    const r = repo({ extra: { [ARCH]: arch('Base.') } });
    // An uncommitted edit of the architecture is not what the approval commit holds.
    writeFileSync(join(r.dir, ARCH), arch('Edited, not committed.'));
    const plan = await withGit(r, (git) => planApprove({ repoRoot: r.dir, git, paths: [DESIGN], user: bob, now: NOW }));
    assert.equal(blockOf(plan.edits[0]!.after).context, contextDigest('core', { owns: ['src/'], purpose: 'Base.' }));
    // Without an architecture nothing is recorded.
    const bare = repo();
    const none = await withGit(bare, (git) => planApprove({ repoRoot: bare.dir, git, paths: [DESIGN], user: bob, now: NOW }));
    assert.equal(blockOf(none.edits[0]!.after).context, undefined);
  });

  test('confirm changes only the recorded context, and leaves a design that is not approved', async () => {
    const r = repo({ extra: { [ARCH]: arch('Base.'), 'docs/design/sub/outside.md': designText('Outside.') } });
    approveAs(r, bob);
    approveAs(r, bob, { path: 'docs/design/sub/outside.md' });
    commitAs(r, { [ARCH]: arch('Changed.'), 'docs/design/e.md': designText('E.') }, { author: alice });
    const before = readFileSync(join(r.dir, DESIGN), 'utf8');
    const plan = await withGit(r, (git) => planConfirm({ repoRoot: r.dir, git, paths: [DESIGN, 'docs/design/sub/outside.md'], user: carol, now: NOW }));
    assert.equal(plan.edits.length, 1);
    const { context, ...rest } = blockOf(plan.edits[0]!.after);
    assert.equal(context, contextDigest('core', { owns: ['src/'], purpose: 'Changed.' }));
    assert.deepEqual(rest, blockOf(before));
    assert.equal(plan.edits[0]!.after.replace(/\n {2}context: .*\n/, '\n'), before);
    assert.deepEqual(plan.unchanged.map((u) => u.path), ['docs/design/sub/outside.md']);
    assert.match(plan.unchanged[0]!.reason, /no context/);
    // Once written, confirming again has nothing to do.
    commitAs(r, { [DESIGN]: plan.edits[0]!.after }, { author: carol });
    const again = await withGit(r, (git) => planConfirm({ repoRoot: r.dir, git, paths: [DESIGN], user: carol, now: NOW }));
    assert.deepEqual([again.edits.length, again.unchanged[0]?.reason], [0, 'already confirmed against its context as the architecture stands']);
    const draft = await withGit(r, (git) => planConfirm({ repoRoot: r.dir, git, paths: ['docs/design/e.md'], user: carol, now: NOW }));
    assert.match(draft.unchanged[0]?.reason ?? '', /not approved as it stands/);
    await assert.rejects(withGit(r, (git) => planConfirm({ repoRoot: r.dir, git, paths: [DESIGN], user: { name: 'M', email: 'm@x.org' }, now: NOW })), usage(/not an approver/));
  });
});

