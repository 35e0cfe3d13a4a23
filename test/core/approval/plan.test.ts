import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitEnv, type TempRepo } from '../../helpers/repo.js';
import { openGit } from '../../../core/git/index.js';
import { isDesignGateError } from '../../../core/errors.js';
import { expandDesigns, isDesign, planApprove, planUnapprove } from '../../../core/approval/plan.js';
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
