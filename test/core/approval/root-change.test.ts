import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitEnv, type TempRepo } from '../../helpers/repo.js';
import { openGit } from '../../../core/git/index.js';
import { checkTrustRootChange } from '../../../core/approval/root-change.js';
import { alice, approvalRepo, bob, carol, commitAs, configText, gitAs, person } from './helpers.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
function repo(options: Parameters<typeof approvalRepo>[0] = {}): TempRepo {
  const r = approvalRepo(options);
  repos.push(r);
  return r;
}

async function check(r: TempRepo) {
  const env = gitEnv();
  const git = await openGit({ cwd: r.dir, env });
  try {
    return await checkTrustRootChange({ ctx: { cwd: r.dir, env }, git, base: (await git.resolve('base'))!, head: (await git.resolve('HEAD'))!, configPath: '.designrc.json', now: new Date() });
  } finally {
    await git.close();
  }
}

const trailer = (p: { name: string; email: string }) => `Approved-by: ${p.name} <${p.email}>`;

describe('checkTrustRootChange', () => {
  test('no change to the trust fields: nothing to approve (other config edits are free)', async () => {
    const r = repo();
    const config = JSON.parse(configText()) as Record<string, unknown>;
    commitAs(r, { '.designrc.json': JSON.stringify({ ...config, stories: 'docs/stories/*.md' }, null, 2) }, { author: alice, message: 'stories' });
    assert.deepEqual(await check(r), []);
  });

  const unapproved: Array<[string, (r: TempRepo) => void, RegExp]> = [
    ['A4: a key added without approval', (r) => commitAs(r, { '.designrc.json': configText({ approvers: [{ person: alice }, { person: bob, keys: [bob.publicKey, person('x', 'x@x.org').publicKey] }, { person: carol }] }) }, { author: bob }), /approvers/],
    ['A6: signing switched off and self-approval on', (r) => commitAs(r, { '.designrc.json': configText({ signedApprovals: false, allowSelfApproval: true }) }, { author: alice }), /signedApprovals, allowSelfApproval changed/],
    ['the allowed-signers file edited', (r) => commitAs(r, { 'signers': `alice@x.org ${bob.publicKey}\n` }, { author: alice }), /allowed signers changed/],
    ['an approval trailer without a signature', (r) => commitAs(r, { '.designrc.json': configText({ requiredApprovals: 2 }) }, { author: alice, trailers: [trailer(bob)] }), /requiredApprovals changed/],
    ['signed by the author themselves', (r) => commitAs(r, { '.designrc.json': configText({ requiredApprovals: 2 }) }, { author: bob, signWith: bob, trailers: [trailer(bob)] }), /requiredApprovals/],
    ['approved by a new approver who is not in the base', (r) => {
      const dave = person('Dave', 'dave@x.org');
      commitAs(r, { '.designrc.json': configText({ approvers: [{ person: alice }, { person: bob }, { person: carol }, { person: dave }] }) }, { author: alice, committer: dave, signWith: dave, trailers: [trailer(dave)] });
    }, /approvers/],
  ];
  for (const [what, change, message] of unapproved) {
    test(`${what}: refused, naming the config, the change and the fix`, async () => {
      const r = repo({ allowedSignersFile: 'signers', extra: { signers: '' } });
      change(r);
      const problems = await check(r);
      assert.equal(problems.length, 1);
      const p = problems[0]!;
      assert.equal(p.file, '.designrc.json');
      assert.equal(p.ruleId, 'trust-root-unapproved');
      assert.match(p.message, message);
      assert.match(p.fix ?? '', /git commit -S --trailer "Approved-by: Name <email>"/);
    });
  }

  test('a change committed by a base approver with a signed trailer, authored by someone else, is approved', async () => {
    const r = repo();
    commitAs(r, { '.designrc.json': configText({ requiredApprovals: 2 }) }, { author: alice, committer: bob, signWith: bob, trailers: [trailer(bob)] });
    commitAs(r, { 'src/x.ts': 'x' }, { author: carol, message: 'later work' });
    assert.deepEqual(await check(r), []);
  });

  test('an evil merge that changes the root after the approved change is refused', async () => {
    const r = repo();
    commitAs(r, { '.designrc.json': configText({ requiredApprovals: 2 }) }, { author: alice, committer: bob, signWith: bob, trailers: [trailer(bob)] });
    r.git('checkout', '-q', '-b', 'side', 'base');
    commitAs(r, { 'src/y.ts': 'y' }, { author: carol });
    r.git('checkout', '-q', 'main');
    gitAs(r, { author: alice }, 'merge', '--no-commit', '--no-ff', 'side');
    writeFileSync(join(r.dir, '.designrc.json'), configText({ requiredApprovals: 2, signedApprovals: false }));
    r.git('add', '.designrc.json');
    gitAs(r, { author: alice }, 'commit', '-q', '--no-edit');
    const problems = await check(r);
    assert.equal(problems[0]?.ruleId, 'trust-root-unapproved');
    assert.match(problems[0]?.message ?? '', /signedApprovals/);
  });

  test('a base without a config has no root to protect', async () => {
    const r = repo();
    r.git('tag', '-f', 'base', r.git('commit-tree', '-m', 'empty', r.git('hash-object', '-t', 'tree', '/dev/null').trim()).trim());
    assert.deepEqual(await check(r), []);
  });
});
