/**
 * The approval check against the attack catalogue of research/reliability.md: every case A1–A19
 * and every cell B1–B14, each in a real repository with real keys, asserting the verdict and that
 * the problem names the file, the rule and the fix (the way the DCO app and Gerrit's
 * StickyApprovalsIT tabulate theirs).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { TempRepo } from '../../helpers/repo.js';
import { gitEnv, makeTempDir } from '../../helpers/repo.js';
import { isDesignGateError } from '../../../core/errors.js';
import type { ApprovalState } from '../../../core/approval/check.js';
import {
  DESIGN,
  alice,
  approvalRepo,
  approveAs,
  approvedText,
  bob,
  carol,
  commitAs,
  configText,
  designText,
  gitAs,
  gpgKey,
  person,
  runCheck,
  type RunCheckOptions,
} from './helpers.js';

const repos: TempRepo[] = [];
after(() => {
  for (const r of repos) r.cleanup();
});

function track(repo: TempRepo): TempRepo {
  repos.push(repo);
  return repo;
}

const read = (repo: TempRepo, path = DESIGN) => readFileSync(join(repo.dir, path), 'utf8');
const trailer = (p: { name: string; email: string }) => `Approved-by: ${p.name} <${p.email}>`;

interface Expect {
  state: ApprovalState;
  ruleId?: string;
  message?: RegExp;
  fix?: RegExp;
  file?: string;
}

interface Case {
  id: string;
  title: string;
  /** Builds the repository; returns it with the options to check it with. */
  build(): Promise<{ repo: TempRepo; check?: RunCheckOptions }> | { repo: TempRepo; check?: RunCheckOptions };
  expect: Expect;
}

async function assertCase(c: Case): Promise<void> {
  const { repo, check } = await c.build();
  track(repo);
  const { verdict } = await runCheck(repo, check);
  const shown = verdict.problems.map((p) => `${p.ruleId}: ${p.message} | fix: ${p.fix}`).join('\n');
  assert.equal(verdict.state, c.expect.state, `${c.id}: state ${verdict.state}, problems:\n${shown}`);
  if (c.expect.ruleId === undefined) {
    assert.deepEqual(verdict.problems, [], `${c.id}: expected no problems, got:\n${shown}`);
    return;
  }
  const problem = verdict.problems.find((p) => p.ruleId === c.expect.ruleId);
  assert.ok(problem, `${c.id}: expected rule ${c.expect.ruleId}, got:\n${shown}`);
  assert.equal(problem.file, c.expect.file ?? check?.paths?.[0] ?? DESIGN, `${c.id}: the problem names the file`);
  assert.equal(problem.severity, 'error');
  if (c.expect.message) assert.match(problem.message, c.expect.message, `${c.id}: message`);
  assert.ok(problem.fix !== undefined && problem.fix.length > 0, `${c.id}: a fix is given`);
  assert.match(problem.fix, c.expect.fix ?? /designgate approve docs\/design\/d\.md|\.designrc\.json|git config|git fetch/, `${c.id}: fix names a command`);
}

const APPROVE_FIX = /designgate approve docs\/design\/d\.md/;

/** A valid approval of the design by Bob (the baseline every attack varies). */
function approvedByBob(options: Parameters<typeof approvalRepo>[0] = {}): TempRepo {
  const repo = approvalRepo(options);
  approveAs(repo, bob);
  return repo;
}

/** Signs `commit`'s payload with `ssh-keygen -Y sign -n <namespace>` and splices it in as gpgsig; moves main there. */
function spliceSignature(repo: TempRepo, key: string, namespace: string): string {
  const raw = repo.git('cat-file', 'commit', 'HEAD');
  const dir = mkdtempSync(join(tmpdir(), 'designgate-sig-'));
  const payload = join(dir, 'payload');
  writeFileSync(payload, raw);
  execFileSync('ssh-keygen', ['-q', '-Y', 'sign', '-n', namespace, '-f', key, payload], { stdio: 'ignore' });
  const sig = readFileSync(`${payload}.sig`, 'utf8').trimEnd();
  rmSync(dir, { recursive: true, force: true });
  const headerEnd = raw.indexOf('\n\n');
  const signed = `${raw.slice(0, headerEnd)}\ngpgsig ${sig.split('\n').join('\n ')}${raw.slice(headerEnd)}`;
  const oid = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: repo.dir, input: signed, env: gitEnv(), encoding: 'utf8' }).trim();
  repo.git('update-ref', 'refs/heads/main', oid);
  return oid;
}

const cases: Case[] = [
  {
    id: 'control',
    title: 'a design approved by an approver in a signed commit with the trailer is verified',
    build: () => ({ repo: approvedByBob() }),
    expect: { state: 'approved' },
  },
  // ---- A. forged or self-granted approval ----
  {
    id: 'A1',
    title: 'Alice signs an approval naming Bob with her own key',
    build: () => {
      const repo = approvalRepo();
      approveAs(repo, bob, { author: alice, signWith: alice });
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-wrong-signer', message: /bob@x\.org/ },
  },
  {
    id: 'A2',
    title: 'an unsigned approval commit while signing is on',
    build: () => {
      const repo = approvalRepo();
      approveAs(repo, bob, { signWith: undefined });
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-unsigned', message: /not signed/, fix: /git config user\.signingkey/ },
  },
  {
    id: 'A3',
    title: 'the author is spoofed as Bob but Alice signs: the signer counts, not the author',
    build: () => {
      const repo = approvalRepo();
      approveAs(repo, bob, { author: bob, committer: alice, signWith: alice });
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-wrong-signer', message: /bob@x\.org/ },
  },
  {
    id: 'A4',
    title: "Bob's new key is added in the same change that carries his approval: the base does not know it",
    build: () => {
      const repo = approvalRepo();
      const bob2 = { ...bob, ...person('Bob Builder', 'bob@x.org') };
      commitAs(repo, { '.designrc.json': configText({ approvers: [{ person: alice }, { person: bob2 }, { person: carol }] }) }, { author: bob, message: 'rotate key' });
      approveAs(repo, bob2);
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-unknown-key', message: /bob@x\.org/, fix: /\.designrc\.json/ },
  },
  {
    id: 'A4b',
    title: 'a new approver added in the same change approves: not an approver at the base',
    build: () => {
      const repo = approvalRepo();
      const dave = person('Dave Grohl', 'dave@x.org');
      commitAs(repo, { '.designrc.json': configText({ approvers: [{ person: alice }, { person: bob }, { person: dave }] }) }, { author: dave, message: 'add me' });
      approveAs(repo, dave);
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-not-approver', message: /dave@x\.org is not an approver/, fix: /\.designrc\.json/ },
  },
  {
    id: 'A5',
    title: "Alice registers her key under approver bob@x.org and approves as Bob in the same push",
    build: () => {
      const repo = approvalRepo({ approvers: [{ person: alice }, { person: bob }] });
      commitAs(repo, { '.designrc.json': configText({ approvers: [{ person: { ...bob, publicKey: alice.publicKey } }] }) }, { author: alice, message: 'keys' });
      approveAs(repo, bob, { author: alice, signWith: alice });
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-wrong-signer', message: /bob@x\.org/ },
  },
  {
    id: 'A6',
    title: 'the change switches signing off and self-approval on: the base switches apply',
    build: () => {
      const repo = approvalRepo();
      commitAs(repo, { '.designrc.json': configText({ signedApprovals: false, allowSelfApproval: true }) }, { author: alice, message: 'relax' });
      approveAs(repo, alice, { signWith: undefined });
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-unsigned' },
  },
  {
    id: 'A8',
    title: "Bob, author of the design's latest edit, approves it",
    build: () => {
      const repo = approvalRepo();
      commitAs(repo, { [DESIGN]: designText('Bob rewrote this.') }, { author: bob, message: 'edit' });
      approveAs(repo, bob);
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-self', message: /self-approval: bob@x\.org wrote content/, fix: /another approver.*designgate approve/ },
  },
  {
    id: 'A8b',
    title: 'a committer who applied the content counts as its author too',
    build: () => {
      const repo = approvalRepo();
      commitAs(repo, { [DESIGN]: designText('Carol wrote, Bob committed.') }, { author: carol, committer: bob, message: 'edit' });
      approveAs(repo, bob);
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-self' },
  },
  {
    id: 'A9',
    title: 'Carol edits after Bob approved, Bob re-approves: accepted with one approval required',
    build: () => {
      const repo = approvedByBob();
      commitAs(repo, { [DESIGN]: designText('Carol improved it.') }, { author: carol, message: 'edit' });
      approveAs(repo, bob);
      return { repo };
    },
    expect: { state: 'approved' },
  },
  {
    id: 'A9b',
    title: 'the same with two approvals required: 1/2',
    build: () => {
      const repo = approvedByBob({ requiredApprovals: 2 });
      commitAs(repo, { [DESIGN]: designText('Carol improved it.') }, { author: carol, message: 'edit' });
      approveAs(repo, bob);
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-too-few', message: /1\/2 approvals/, fix: APPROVE_FIX },
  },
  {
    id: 'A9c',
    title: 'two approvers in two signed commits meet two required approvals',
    build: () => {
      const repo = approvedByBob({ requiredApprovals: 2 });
      approveAs(repo, carol, { by: [bob, carol], trailers: [trailer(carol)] });
      return { repo };
    },
    expect: { state: 'approved' },
  },
  {
    id: 'A10',
    title: 'one person twice in by (Bob@X, bob@x, two names) counts once',
    build: () => {
      const repo = approvalRepo({ requiredApprovals: 2 });
      const robert = { ...bob, name: 'Robert B', email: 'BOB@X.ORG' };
      approveAs(repo, bob, { by: [bob, robert], trailers: [trailer(bob), trailer(robert)] });
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-too-few', message: /1\/2 approvals/ },
  },
  {
    id: 'A11',
    title: 'a hand-written approval block with the right digest and no approval commit',
    build: () => {
      const repo = approvalRepo();
      commitAs(repo, { [DESIGN]: approvedText(read(repo), [bob]) }, { author: alice, message: 'mark approved' });
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-missing-trailer', message: /no `Approved-by:` trailer for bob@x\.org/ },
  },
  {
    id: 'A12',
    title: "Bob's approval block copied into another design with identical content is stale there",
    build: () => {
      const repo = approvedByBob();
      commitAs(repo, { 'docs/design/b.md': read(repo) }, { author: alice, message: 'copy' });
      return { repo, check: { paths: ['docs/design/b.md'] } };
    },
    expect: { state: 'stale', ruleId: 'approval-stale', file: 'docs/design/b.md', fix: /designgate approve docs\/design\/b\.md/ },
  },
  {
    id: 'A12b',
    title: 'the copy with the digest recomputed for the new path was not added by an approval commit',
    build: () => {
      const repo = approvedByBob();
      commitAs(repo, { 'docs/design/b.md': approvedText(designText(), [bob], 'docs/design/b.md') }, { author: alice, message: 'copy' });
      return { repo, check: { paths: ['docs/design/b.md'] } };
    },
    expect: { state: 'unverified', ruleId: 'approval-missing-trailer', file: 'docs/design/b.md', fix: /designgate approve docs\/design\/b\.md/ },
  },
  {
    id: 'A13',
    title: "Bob's approval commit also changes the design's body",
    build: () => {
      const repo = approvalRepo();
      commitAs(repo, { [DESIGN]: approvedText(designText('Changed while approving.'), [bob]) }, { author: bob, signWith: bob, message: 'Approve', trailers: [trailer(bob)] });
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-commit-not-narrow', message: /also changes docs\/design\/d\.md/, fix: /commit the content first/ },
  },
  {
    id: 'A13b',
    title: "Bob's approval commit also changes code",
    build: () => {
      const repo = approvalRepo();
      commitAs(repo, { [DESIGN]: approvedText(read(repo), [bob]), 'src/x.ts': 'export const x = 1;\n' }, { author: bob, signWith: bob, message: 'Approve', trailers: [trailer(bob)] });
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-commit-not-narrow', message: /also changes src\/x\.ts/ },
  },
  {
    id: 'A14',
    title: 'an approval staged in the same commit as the code it approves',
    build: () => {
      const repo = approvalRepo();
      writeFileSync(join(repo.dir, DESIGN), approvedText(read(repo), [bob]));
      writeFileSync(join(repo.dir, 'src/d.ts'), 'export const d = 1;\n');
      repo.git('add', '-A');
      return { repo, check: { from: 'index' } };
    },
    expect: { state: 'unverified', ruleId: 'approval-not-committed', message: /not committed yet/, fix: /commit the approval on its own first/ },
  },
  {
    id: 'A15',
    title: 'an approver email with a Cyrillic look-alike letter in the approval block',
    build: () => {
      const repo = approvalRepo();
      const fake = { name: 'Bob Builder', email: 'b\u043eb@x.org' };
      approveAs(repo, bob, { by: [fake], trailers: [trailer(fake)] });
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-identity', message: /not plain ASCII/, fix: /ASCII/ },
  },
  {
    id: 'A15b',
    title: 'a bidi control character in an approver name',
    build: () => {
      const repo = approvalRepo();
      const fake = { name: 'Bob \u202eredliuB', email: 'bob@x.org' };
      approveAs(repo, bob, { by: [fake], trailers: [trailer(fake)] });
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-identity', message: /invisible or direction-changing/ },
  },
  {
    id: 'A16',
    title: "Bob's key expired yesterday (valid-before) and the approval is backdated into its validity",
    build: () => {
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
      const signers = `bob@x.org valid-before="${yesterday}" ${bob.publicKey}\n`;
      const repo = approvalRepo({
        approvers: [{ person: alice }, { person: { name: bob.name, email: bob.email } }, { person: carol }],
        allowedSignersFile: '.designgate/allowed_signers',
        extra: { '.designgate/allowed_signers': signers },
      });
      approveAs(repo, bob, { date: new Date(Date.now() - 3 * 86_400_000).toISOString() });
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-key-invalid', message: /not valid now/ },
  },
  {
    id: 'A16b',
    title: "Bob's key is revoked",
    build: () => ({ repo: approvedByBob(), check: { revokedKeys: [bob.publicKey] } }),
    expect: { state: 'unverified', ruleId: 'approval-key-revoked', message: /revoked/ },
  },
  {
    id: 'A17',
    title: 'an OpenPGP signature by a key that is in the keyring but not registered',
    build: () => {
      const repo = approvalRepo();
      const key = gpgKey(bob);
      approveAs(repo, bob, { signWith: undefined, gpg: { home: key.home, keyId: key.keyId } });
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-unknown-key', message: /does not register for bob@x\.org/ },
  },
  ...[
    ['fenced code block', (t: string) => `Approve d\n\n\`\`\`\n${t}\n\`\`\`\n\nAs discussed.`],
    ['quoted revert body', (t: string) => `Revert "Approve d"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.\n\n    ${t}\n\nIt was wrong.`],
    ['below a --- divider', (t: string) => `Approve d\n\n---\n${t}\n`],
  ].map(
    ([where, message]): Case => ({
      id: 'A18',
      title: `Approved-by only in a ${where as string} is not a trailer`,
      build: () => {
        const repo = approvalRepo();
        const text = (message as (t: string) => string)(trailer(bob));
        // git itself agrees that there is no trailer.
        assert.equal(execFileSync('git', ['interpret-trailers', '--parse'], { input: text, encoding: 'utf8' }), '');
        approveAs(repo, bob, { message: text, trailers: [] });
        return { repo };
      },
      expect: { state: 'unverified', ruleId: 'approval-missing-trailer', message: /no `Approved-by:` trailer/ },
    }),
  ),
  {
    id: 'A19',
    title: 'Bob signs the commit payload in the file namespace and splices it in',
    build: () => {
      const repo = approvalRepo();
      approveAs(repo, bob, { signWith: undefined });
      spliceSignature(repo, bob.key, 'file');
      return { repo, check: { from: 'head' } };
    },
    expect: { state: 'unverified', ruleId: 'approval-wrong-namespace', message: /wrong namespace/ },
  },
  {
    id: 'A19-control',
    title: 'the same splice in the git namespace verifies (the splice itself is sound)',
    build: () => {
      const repo = approvalRepo();
      approveAs(repo, bob, { signWith: undefined });
      spliceSignature(repo, bob.key, 'git');
      return { repo, check: { from: 'head' } };
    },
    expect: { state: 'approved' },
  },
  // ---- B. stale approval and carry-over ----
  {
    id: 'B1',
    title: 'one body character changed after approval',
    build: () => {
      const repo = approvedByBob();
      commitAs(repo, { [DESIGN]: read(repo).replace('runs sessions', 'runs session') }, { author: carol, message: 'typo' });
      return { repo };
    },
    expect: { state: 'stale', ruleId: 'approval-stale', message: /stale: .*digest sha256:.*≠ recorded sha256:/, fix: APPROVE_FIX },
  },
  {
    id: 'B1b',
    title: 'an uncommitted edit in the work tree makes it stale too',
    build: () => {
      const repo = approvedByBob();
      writeFileSync(join(repo.dir, DESIGN), read(repo).replace('runs sessions', 'runs session'));
      return { repo };
    },
    expect: { state: 'stale', ruleId: 'approval-stale', fix: APPROVE_FIX },
  },
  {
    id: 'B2',
    title: 'a digested frontmatter key changed (stories)',
    build: () => {
      const repo = approvedByBob();
      commitAs(repo, { [DESIGN]: read(repo).replace('stories: [US-1]', 'stories: [US-1, US-2]') }, { author: carol, message: 'stories' });
      return { repo };
    },
    expect: { state: 'stale', ruleId: 'approval-stale', fix: APPROVE_FIX },
  },
  {
    id: 'B3',
    title: 'only status and the approval block reformatted (key order, quoting, flow to block)',
    build: () => {
      const repo = approvedByBob();
      const text = read(repo);
      const digest = /digest: (\S+)/.exec(text)?.[1] ?? '';
      const reformatted = text
        .replace('status: approved', "status: 'approved'")
        .replace(/approval:\n(?: {2}.*\n)+/, `approval:\n  at: "2026-01-02T03:04:05Z"\n  by:\n    - "Bob Builder <bob@x.org>"\n  digest: '${digest}'\n`);
      assert.notEqual(reformatted, text);
      commitAs(repo, { [DESIGN]: reformatted }, { author: carol, message: 'reformat' });
      return { repo };
    },
    expect: { state: 'approved' },
  },
  {
    id: 'B4',
    title: 'status: approved typed by hand on a draft',
    build: () => {
      const repo = approvalRepo();
      commitAs(repo, { [DESIGN]: read(repo).replace('status: draft', 'status: approved') }, { author: alice, message: 'approve?' });
      return { repo };
    },
    expect: { state: 'draft', ruleId: 'approval-status-mismatch', message: /status says approved/, fix: /status: draft/ },
  },
  {
    id: 'B5',
    title: 'edited, then reverted byte for byte: approved again (content-addressed)',
    build: () => {
      const repo = approvedByBob();
      const text = read(repo);
      commitAs(repo, { [DESIGN]: text.replace('runs sessions', 'runs nothing') }, { author: carol, message: 'edit' });
      commitAs(repo, { [DESIGN]: text }, { author: carol, message: 'revert' });
      return { repo };
    },
    expect: { state: 'approved' },
  },
  {
    id: 'B6',
    title: 'an approval withdrawn (unapprove) leaves a draft',
    build: () => {
      const repo = approvedByBob();
      commitAs(repo, { [DESIGN]: designText() }, { author: bob, message: 'Unapprove' });
      return { repo };
    },
    expect: { state: 'draft' },
  },
  {
    id: 'B6b',
    title: 'a withdrawal reverted with git revert is not a new approval',
    build: () => {
      const repo = approvedByBob();
      commitAs(repo, { [DESIGN]: designText() }, { author: bob, message: 'Unapprove' });
      gitAs(repo, { author: alice }, 'revert', '--no-edit', 'HEAD');
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-missing-trailer' },
  },
  {
    id: 'B6c',
    title: 'a merge that keeps an approval withdrawn on the other side',
    build: () => {
      const repo = approvedByBob();
      const approved = read(repo);
      repo.git('branch', 'side');
      commitAs(repo, { [DESIGN]: designText() }, { author: bob, message: 'Unapprove' });
      repo.git('checkout', '-q', 'side');
      commitAs(repo, { 'src/other.ts': 'export {};\n' }, { author: carol, message: 'other' });
      repo.git('checkout', '-q', 'main');
      gitAs(repo, { author: alice }, 'merge', '--no-commit', '--no-ff', 'side');
      writeFileSync(join(repo.dir, DESIGN), approved);
      repo.git('add', DESIGN);
      gitAs(repo, { author: alice }, 'commit', '-q', '--no-edit');
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-withdrawn', message: /withdrawn in [0-9a-f]{12}/ },
  },
  {
    id: 'B7',
    title: 'a clean rebase onto new main that leaves the design alone',
    build: () => {
      const repo = approvalRepo();
      repo.git('branch', 'feature');
      approveAs(repo, bob);
      repo.git('checkout', '-q', 'feature');
      commitAs(repo, { 'src/d.ts': 'export const d = 2;\n' }, { author: carol, message: 'feature' });
      gitAs(repo, { author: carol }, 'rebase', '-q', 'main');
      return { repo };
    },
    expect: { state: 'approved' },
  },
  {
    id: 'B7b',
    title: 'a rebase that carries a change inside the design is stale',
    build: () => {
      const repo = approvalRepo();
      repo.git('branch', 'feature');
      approveAs(repo, bob);
      repo.git('checkout', '-q', 'feature');
      commitAs(repo, { [DESIGN]: designText('Feature rewrote this.') }, { author: carol, message: 'feature' });
      gitAs(repo, { author: carol }, 'rebase', '-q', 'main');
      return { repo };
    },
    expect: { state: 'stale', ruleId: 'approval-stale', fix: APPROVE_FIX },
  },
  {
    id: 'B8',
    title: 'amend changes the design, keeps the trailer and re-signs as the author',
    build: () => {
      const repo = approvedByBob();
      writeFileSync(join(repo.dir, DESIGN), read(repo).replace('runs sessions', 'runs everything'));
      repo.git('add', DESIGN);
      gitAs(repo, { author: alice, signWith: alice }, 'commit', '-q', '--amend', '--no-edit', '-S');
      return { repo };
    },
    expect: { state: 'stale', ruleId: 'approval-stale' },
  },
  {
    id: 'B9',
    title: 'an approval commit cherry-picked onto a branch where the design differs',
    build: () => {
      const repo = approvalRepo();
      repo.git('branch', 'other');
      const approval = approveAs(repo, bob);
      repo.git('checkout', '-q', 'other');
      commitAs(repo, { [DESIGN]: designText('Different here.') }, { author: carol, message: 'differ' });
      gitAs(repo, { author: carol }, 'cherry-pick', approval);
      return { repo };
    },
    expect: { state: 'stale', ruleId: 'approval-stale' },
  },
  {
    id: 'B10',
    title: 'an evil merge edits the approved design',
    build: () => {
      const repo = approvedByBob();
      repo.git('branch', 'side');
      repo.git('checkout', '-q', 'side');
      commitAs(repo, { 'src/other.ts': 'export {};\n' }, { author: carol, message: 'other' });
      repo.git('checkout', '-q', 'main');
      commitAs(repo, { 'src/main.ts': 'export {};\n' }, { author: carol, message: 'main' });
      gitAs(repo, { author: alice }, 'merge', '--no-commit', '--no-ff', 'side');
      writeFileSync(join(repo.dir, DESIGN), read(repo).replace('runs sessions', 'runs evil'));
      repo.git('add', DESIGN);
      gitAs(repo, { author: alice }, 'commit', '-q', '--no-edit');
      return { repo };
    },
    expect: { state: 'stale', ruleId: 'approval-stale' },
  },
  {
    id: 'B10b',
    title: 'an evil merge edits the design and rewrites the approval digest',
    build: () => {
      const repo = approvedByBob();
      repo.git('branch', 'side');
      repo.git('checkout', '-q', 'side');
      commitAs(repo, { 'src/other.ts': 'export {};\n' }, { author: carol, message: 'other' });
      repo.git('checkout', '-q', 'main');
      gitAs(repo, { author: alice }, 'merge', '--no-commit', '--no-ff', 'side');
      writeFileSync(join(repo.dir, DESIGN), approvedText(designText('Evil.'), [bob]));
      repo.git('add', DESIGN);
      gitAs(repo, { author: alice }, 'commit', '-q', '--no-edit');
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-no-evidence', message: /no commit in this history added bob@x\.org/ },
  },
  {
    id: 'B11',
    title: 'a squash merge drops the approval commit and its trailer',
    build: () => {
      const repo = approvalRepo();
      repo.git('checkout', '-q', '-b', 'feature');
      approveAs(repo, bob);
      repo.git('checkout', '-q', 'main');
      gitAs(repo, { author: alice }, 'merge', '--squash', '-q', 'feature');
      gitAs(repo, { author: alice }, 'commit', '-q', '-m', 'Squashed feature (#12)');
      return { repo };
    },
    expect: { state: 'unverified', ruleId: 'approval-missing-trailer', fix: /squash merge dropped the approval commit, merge with a merge commit/ },
  },
  {
    id: 'B11b',
    title: 'a merge commit keeps the approval commit and its evidence',
    build: () => {
      const repo = approvalRepo();
      repo.git('checkout', '-q', '-b', 'feature');
      approveAs(repo, bob);
      repo.git('checkout', '-q', 'main');
      commitAs(repo, { 'src/main.ts': 'export {};\n' }, { author: carol, message: 'main' });
      gitAs(repo, { author: alice }, 'merge', '-q', '--no-ff', '--no-edit', 'feature');
      return { repo };
    },
    expect: { state: 'approved' },
  },
  {
    id: 'B13',
    title: 'trailing spaces (a Markdown hard break) and NFD↔NFC do not stale: a documented blind spot',
    build: () => {
      const repo = approvalRepo({ design: designText('Caf\u00e9 runs sessions.') });
      approveAs(repo, bob);
      commitAs(repo, { [DESIGN]: read(repo).replace('Caf\u00e9 runs sessions.', 'Cafe\u0301 runs sessions.  ') }, { author: carol, message: 'nfd' });
      return { repo };
    },
    expect: { state: 'approved' },
  },
  {
    id: 'B14',
    title: 'YAML 1.1-looking scalars keep their YAML 1.2 meaning: quoting `on` changes nothing',
    build: () => {
      const repo = approvalRepo({ design: designText('x', 'flag: on\nsince: 2026-11-20\nmode: 0777\nscale: 1e3\n') });
      approveAs(repo, bob);
      commitAs(repo, { [DESIGN]: read(repo).replace('flag: on', 'flag: "on"').replace('since: 2026-11-20', "since: '2026-11-20'") }, { author: carol, message: 'quote' });
      return { repo };
    },
    expect: { state: 'approved' },
  },
  {
    id: 'B14b',
    title: 'but `on` → `true` is a change of value, so it is stale',
    build: () => {
      const repo = approvalRepo({ design: designText('x', 'flag: on\n') });
      approveAs(repo, bob);
      commitAs(repo, { [DESIGN]: read(repo).replace('flag: on', 'flag: true') }, { author: carol, message: 'bool' });
      return { repo };
    },
    expect: { state: 'stale', ruleId: 'approval-stale' },
  },
];

describe('approval check: reliability catalogue A1–A19, B1–B14', () => {
  for (const c of cases) test(`${c.id}: ${c.title}`, () => assertCase(c));
});

describe('approval check: configuration and trust root', () => {
  test('A7: one key registered for two approvers is a CONFIG error', async () => {
    const repo = track(approvalRepo({ approvers: [{ person: alice }, { person: { ...bob, publicKey: alice.publicKey } }] }));
    await assert.rejects(runCheck(repo), (e: unknown) => isDesignGateError(e) && e.code === 'CONFIG' && e.fix !== undefined);
  });

  test('A7: a wildcard approver (*@x.org) is a CONFIG error naming the config', async () => {
    const repo = track(approvalRepo({ approvers: [{ person: { ...alice, email: '*@x.org' } }, { person: bob }] }));
    await assert.rejects(runCheck(repo), (e: unknown) => {
      assert.ok(isDesignGateError(e) && e.code === 'CONFIG');
      assert.ok(e.causes.some((c) => c.file === '.designrc.json' && /pattern, not one person/.test(c.message)));
      assert.match(e.fix ?? '', /approvers/);
      return true;
    });
  });

  test('A7: an allowed-signers wildcard principal speaks for nobody', async () => {
    const repo = track(
      approvalRepo({
        approvers: [{ person: alice }, { person: { name: bob.name, email: bob.email } }],
        allowedSignersFile: 'signers',
        extra: { signers: `*@x.org ${bob.publicKey}\n` },
      }),
    );
    approveAs(repo, bob);
    const { verdict } = await runCheck(repo);
    assert.equal(verdict.state, 'unverified');
    assert.ok(verdict.problems.some((p) => p.ruleId === 'approval-unknown-key' || p.ruleId === 'approval-wrong-signer'));
  });

  test('A15: an approver with a look-alike email in the config is a CONFIG error', async () => {
    const repo = track(approvalRepo({ approvers: [{ person: { ...bob, email: 'b\u043eb@x.org' } }] }));
    await assert.rejects(runCheck(repo), (e: unknown) => isDesignGateError(e) && e.code === 'CONFIG' && e.causes.some((c) => /ASCII/.test(c.message)));
  });

  test('no config at the trusted revision: every approval is unverified with the fix', async () => {
    const repo = track(approvedByBob());
    const first = repo.git('rev-list', '--max-parents=0', 'HEAD').trim();
    repo.git('tag', 'empty-base', first);
    // The base tag is the config commit itself; an orphan without config stands for "not adopted yet".
    repo.git('checkout', '-q', '--orphan', 'bare');
    repo.git('rm', '-rq', '--cached', '.');
    commitAs(repo, { 'README.md': 'x\n' }, { author: alice, message: 'orphan' });
    repo.git('checkout', '-q', '-f', 'main');
    const { verdict } = await runCheck(repo, { base: 'bare' });
    assert.equal(verdict.state, 'unverified');
    const p = verdict.problems[0];
    assert.equal(p?.ruleId, 'approval-no-trust-root');
    assert.match(p?.fix ?? '', /commit \.designrc\.json to the protected branch/);
  });

  test('signing off: approved-unsigned, and every report says approvals are unsigned attestations', async () => {
    const repo = track(approvalRepo({ signedApprovals: false }));
    approveAs(repo, bob, { signWith: undefined });
    const { verdict, result } = await runCheck(repo);
    assert.equal(verdict.state, 'approved-unsigned');
    const warning = result.problems.find((p) => p.ruleId === 'approval-unsigned-attestation');
    assert.equal(warning?.severity, 'warning');
    assert.equal(warning?.file, '.designrc.json');
    assert.match(warning?.message ?? '', /unsigned attestations/);
    assert.match(warning?.fix ?? '', /"signedApprovals": true/);
  });

  test('signing off still needs the trailer', async () => {
    const repo = track(approvalRepo({ signedApprovals: false }));
    commitAs(repo, { [DESIGN]: approvedText(read(repo), [bob]) }, { author: alice, message: 'mark approved' });
    const { verdict } = await runCheck(repo);
    assert.equal(verdict.state, 'unverified');
    assert.equal(verdict.problems[0]?.ruleId, 'approval-missing-trailer');
  });

  test('an approver whose paths do not cover the design', async () => {
    const repo = track(approvalRepo({ approvers: [{ person: alice }, { person: bob, paths: ['docs/design/other/**'] }] }));
    approveAs(repo, bob);
    const { verdict } = await runCheck(repo);
    assert.equal(verdict.problems[0]?.ruleId, 'approval-not-approver');
    assert.match(verdict.problems[0]?.message ?? '', /not for docs\/design\/d\.md/);
  });

  test('allowSelfApproval lets the author approve', async () => {
    const repo = track(approvalRepo({ allowSelfApproval: true, designAuthor: bob }));
    approveAs(repo, bob);
    assert.equal((await runCheck(repo)).verdict.state, 'approved');
  });

  test('an OpenPGP key registered for Bob verifies his gpg-signed approval', async () => {
    const key = gpgKey(bob);
    const repo = track(approvalRepo({ approvers: [{ person: alice }, { person: { name: bob.name, email: bob.email }, keys: [key.publicKey] }] }));
    approveAs(repo, bob, { signWith: undefined, gpg: { home: key.home, keyId: key.keyId } });
    assert.equal((await runCheck(repo)).verdict.state, 'approved');
  });

  test('gates.approval off reports nothing; warn reports warnings', async () => {
    const repo = track(approvalRepo());
    approveAs(repo, bob, { signWith: undefined });
    const env = { repo };
    for (const [gate, expected] of [['off', 0], ['warn', 1]] as const) {
      const { result } = await runCheckWithGate(env.repo, gate);
      assert.equal(result.problems.length, expected, gate);
      if (gate === 'warn') assert.equal(result.problems[0]?.severity, 'warning');
    }
  });
});

async function runCheckWithGate(repo: TempRepo, gate: 'off' | 'warn') {
  const { openGit } = await import('../../../core/git/index.js');
  const { loadTrustRoot } = await import('../../../core/approval/trust-root.js');
  const { checkApprovals } = await import('../../../core/approval/check.js');
  const env = gitEnv();
  const git = await openGit({ cwd: repo.dir, env });
  try {
    const trust = await loadTrustRoot({ git, rev: await git.resolve('base'), configPath: '.designrc.json' });
    const result = await checkApprovals({
      ctx: { cwd: repo.dir, env },
      git,
      head: await git.resolve('HEAD'),
      designs: [{ path: DESIGN, text: read(repo), trust, gate }],
      isDesign: (p) => p.startsWith('docs/design/'),
      scopes: ['docs/design'],
      now: new Date(),
    });
    return { result };
  } finally {
    await git.close();
  }
}

describe('approval check: per head and in bulk', () => {
  test('B12: a verdict belongs to one head: a later commit that edits the design is stale, the earlier head stays approved', async () => {
    const repo = track(approvedByBob());
    const h1 = repo.git('rev-parse', 'HEAD').trim();
    assert.equal((await runCheck(repo)).verdict.state, 'approved');
    commitAs(repo, { [DESIGN]: read(repo).replace('runs sessions', 'runs late') }, { author: carol, message: 'late push' });
    assert.equal((await runCheck(repo)).verdict.state, 'stale');
    assert.equal((await runCheck(repo, { head: h1, from: 'head' })).verdict.state, 'approved');
  });

  test('a batch approval of several designs in one commit verifies each, with one evidence commit', async () => {
    const repo = track(approvalRepo());
    commitAs(repo, { 'docs/design/e.md': designText('E.'), 'docs/design/f.md': designText('F.') }, { author: alice, message: 'more' });
    const writes: Record<string, string> = {};
    for (const p of [DESIGN, 'docs/design/e.md', 'docs/design/f.md']) writes[p] = approvedText(read(repo, p), [bob], p);
    const oid = commitAs(repo, writes, { author: bob, signWith: bob, message: 'Approve 3 designs', trailers: [trailer(bob)] });
    const { result } = await runCheck(repo, { paths: [DESIGN, 'docs/design/e.md', 'docs/design/f.md'] });
    assert.deepEqual(result.verdicts.map((v) => v.state), ['approved', 'approved', 'approved']);
    assert.deepEqual(result.verdicts.map((v) => v.evidence), [[oid], [oid], [oid]]);
  });

  test('a shallow clone says the evidence may be older than the clone', async () => {
    const repo = track(approvedByBob());
    for (let i = 0; i < 3; i++) commitAs(repo, { [`src/f${i}.ts`]: `export const f = ${i};\n` }, { author: carol, message: `f${i}` });
    const dir = makeTempDir('designgate-shallow-');
    const clone = track({ ...repo, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) });
    execFileSync('git', ['clone', '-q', '--depth', '2', `file://${repo.dir}`, clone.dir], { env: gitEnv() });
    execFileSync('git', ['fetch', '-q', '--depth', '2', 'origin', 'refs/tags/base:refs/tags/base'], { cwd: clone.dir, env: gitEnv() });
    const { verdict } = await runCheck(clone);
    assert.equal(verdict.state, 'unverified');
    assert.equal(verdict.problems[0]?.ruleId, 'approval-no-evidence');
    assert.match(verdict.problems[0]?.fix ?? '', /fetch-depth: 0/);
  });
});
