/**
 * The pre-merge-commit gate (reliability C13): a clean `git merge` runs pre-merge-commit and not
 * pre-commit, so unapproved code from a branch must be refused here; approvals made on the merged
 * branch count, since their evidence is in MERGE_HEAD's history.
 */
import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { binPath } from '../helpers/repo.js';
import { alice, approve, bob, draft, gateRepo, type GateRepo } from './fixtures/gate-repo.js';

const repos: GateRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
before(() => assert.ok(existsSync(binPath), 'build first: node scripts/build.mjs'));

const approveMessage = (name: string) => `Approve ${name}\n\nApproved-by: Bob Approver <bob@example.com>`;

async function diverged(): Promise<GateRepo> {
  const repo = gateRepo();
  repos.push(repo);
  await repo.install();
  repo.commitAs(alice, { 'README.md': 'start\n' }, 'start (and the hooks)');
  repo.git('branch', 'feature');
  repo.commitAs(alice, { 'NOTES.md': 'main moves on\n' }, 'main moves on');
  repo.git('checkout', '-q', 'feature');
  return repo;
}

describe('pre-merge-commit, through the real hook', () => {
  test('a clean merge bringing unapproved code is refused; `merge --no-verify` is not (CI catches it)', async () => {
    const repo = await diverged();
    repo.commitAs(alice, { 'src/b.ts': 'x\n', 'test/b.test.ts': 't\n' }, 'unapproved code, --no-verify');
    repo.git('checkout', '-q', 'main');
    const r = repo.run(['merge', '--no-edit', 'feature']);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /^designgate - src\/b\.ts: error src\/b\.ts has no design/m);
    assert.match(r.stderr, /pre-merge-commit: \d+ errors?/);
    repo.run(['merge', '--abort']);
    const bypass = repo.run(['merge', '--no-verify', '--no-edit', 'feature']);
    assert.equal(bypass.status, 0, bypass.stderr);
  });

  test('a branch whose design was approved on the branch itself merges', async () => {
    const repo = await diverged();
    const D = 'docs/design/a.md';
    repo.commitAs(alice, { [D]: draft() }, 'design a');
    repo.commitAs(bob, { [D]: approve(D, draft()) }, approveMessage('a'));
    repo.commitAs(alice, { 'src/a.ts': 'x\n', 'test/a.test.ts': 't\n' }, 'code a');
    repo.git('checkout', '-q', 'main');
    const r = repo.run(['merge', '--no-edit', 'feature']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(repo.git('rev-list', '--count', '--merges', 'HEAD').trim(), '1');
  });
});
