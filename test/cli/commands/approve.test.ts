/**
 * `designgate approve` end to end: the built bin in a real repository whose git signs with a real
 * SSH key (gpg.format ssh, user.signingkey) or a real OpenPGP key, checked by git itself
 * (`git verify-commit` against the allowed-signers file) and by the approval check.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitEnv, runCli, type TempRepo } from '../../helpers/repo.js';
import { loadWorkspace } from '../../../core/workspace.js';
import { checkGate1 } from '../../../core/architecture/gate1.js';
import { checkSuspect } from '../../../core/architecture/suspect.js';
import { workTreeReader } from '../../../cli/read-file.js';
import { DESIGN, alice, approvalRepo, bob, carol, commitAs, designText, gpgKey, runCheck, snapshot, sshRepo, useIdentity, type Person } from '../../core/approval/helpers.js';

const repos: TempRepo[] = [];
after(() => {
  for (const r of repos) r.cleanup();
});
const track = (r: TempRepo): TempRepo => (repos.push(r), r);

const read = (repo: TempRepo, path = DESIGN) => readFileSync(join(repo.dir, path), 'utf8');

describe('designgate approve', () => {
  test('approves a design in one SSH-signed commit that git itself verifies, and nothing else changes', async () => {
    const repo = track(sshRepo(bob));
    const before = read(repo);
    // Work in progress that must survive untouched: a staged file and an unstaged edit.
    writeFileSync(join(repo.dir, 'src/staged.ts'), 'export const s = 1;\n');
    repo.git('add', 'src/staged.ts');
    writeFileSync(join(repo.dir, 'src/d.ts'), 'export const wip = true;\n');

    const r = runCli(['approve', DESIGN], { cwd: repo.dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /approved 1 design in commit [0-9a-f]{12} \(signed\)/);

    // The commit: only the design, the trailer, a good signature by Bob's key.
    assert.deepEqual(repo.git('show', '--name-only', '--format=', 'HEAD').trim().split('\n'), [DESIGN]);
    assert.equal(repo.git('log', '-1', '--format=%(trailers:key=Approved-by,valueonly)').trim(), 'Bob Builder <bob@x.org>');
    assert.match(repo.git('log', '-1', '--format=%s'), /^Approve docs\/design\/d\.md/);
    execFileSync('git', ['verify-commit', 'HEAD'], { cwd: repo.dir, env: gitEnv(), stdio: 'pipe' });
    assert.equal(repo.git('log', '-1', '--format=%G?').trim(), 'G');

    // The design: status and approval written, every other byte kept.
    const after = read(repo);
    assert.match(after, /^status: approved$/m);
    assert.match(after, /^approval:\n {2}digest: sha256:[0-9a-f]{64}\n {2}by: \[Bob Builder <bob@x\.org>\]\n {2}at: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/m);
    assert.equal(after.replace(/^approval:\n(?: {2}.*\n)+/m, '').replace('status: approved', 'status: draft'), before);

    // The work in progress is as it was.
    assert.equal(repo.git('diff', '--cached', '--name-only').trim(), 'src/staged.ts');
    assert.equal(read(repo, 'src/d.ts'), 'export const wip = true;\n');

    // And the approval check agrees.
    const { verdict } = await runCheck(repo);
    assert.equal(verdict.state, 'approved');
  });

  test('a folder approves every design in it in one commit', async () => {
    const repo = track(sshRepo(bob));
    commitAs(repo, { 'docs/design/sub/e.md': designText('E.'), 'docs/design/sub/f.md': designText('F.') }, { author: alice, message: 'more' });
    const r = runCli(['approve', 'docs/design/sub'], { cwd: repo.dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /approved 2 designs/);
    assert.deepEqual(repo.git('show', '--name-only', '--format=', 'HEAD').trim().split('\n'), ['docs/design/sub/e.md', 'docs/design/sub/f.md']);
    const { result } = await runCheck(repo, { paths: ['docs/design/sub/e.md', 'docs/design/sub/f.md'] });
    assert.deepEqual(result.verdicts.map((v) => v.state), ['approved', 'approved']);
  });

  test('--no-commit stages the approval and prints the trailer; committing by hand with it verifies', async () => {
    const repo = track(sshRepo(bob));
    const head = repo.git('rev-parse', 'HEAD');
    const r = runCli(['approve', '--no-commit', DESIGN], { cwd: repo.dir });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(repo.git('rev-parse', 'HEAD'), head, 'no commit was made');
    assert.equal(repo.git('diff', '--cached', '--name-only').trim(), DESIGN);
    assert.match(r.stdout, /^ {2}Approved-by: Bob Builder <bob@x\.org>$/m);
    const command = /^ {2}(git commit -S .*)$/m.exec(r.stdout)?.[1];
    assert.ok(command, r.stdout);
    execFileSync('sh', ['-c', command], { cwd: repo.dir, env: gitEnv(), stdio: 'pipe' });
    assert.equal((await runCheck(repo)).verdict.state, 'approved');
  });

  test('a second approver is added to the approval (two required)', async () => {
    const repo = track(sshRepo(bob, { requiredApprovals: 2 }));
    assert.equal(runCli(['approve', DESIGN], { cwd: repo.dir }).status, 0);
    assert.equal((await runCheck(repo)).verdict.problems[0]?.ruleId, 'approval-too-few');
    useIdentity(repo, carol);
    const r = runCli(['approve', DESIGN], { cwd: repo.dir });
    assert.equal(r.status, 0, r.stderr);
    assert.match(read(repo), /by: \[Bob Builder <bob@x\.org>, Carol Danvers <carol@x\.org>\]/);
    const { verdict } = await runCheck(repo);
    assert.equal(verdict.state, 'approved');
    assert.deepEqual(verdict.approvers.sort(), ['bob@x.org', 'carol@x.org']);
  });

  test('approving again as it stands does nothing', () => {
    const repo = track(sshRepo(bob));
    assert.equal(runCli(['approve', DESIGN], { cwd: repo.dir }).status, 0);
    const before = snapshot(repo);
    const r = runCli(['approve', DESIGN], { cwd: repo.dir });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /already approved by you/);
    assert.equal(snapshot(repo), before);
  });

  test('works with an OpenPGP signing setup', async () => {
    const key = gpgKey(bob);
    const repo = approvalRepo({ approvers: [{ person: alice }, { person: { name: bob.name, email: bob.email }, keys: [key.publicKey] }] });
    repos.push(repo);
    repo.git('config', 'user.name', bob.name);
    repo.git('config', 'user.email', bob.email);
    repo.git('config', 'user.signingkey', key.keyId);
    const r = runCli(['approve', DESIGN], { cwd: repo.dir, env: { GNUPGHOME: key.home } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(repo.git('cat-file', 'commit', 'HEAD'), /BEGIN PGP SIGNATURE/);
    assert.equal((await runCheck(repo)).verdict.state, 'approved');
  });

  const refusals: Array<{ name: string; setup(repo: TempRepo): void; args?: string[]; stderr: RegExp; fix: RegExp; me?: Person }> = [
    {
      name: 'a user who is not an approver',
      me: { ...bob, name: 'Mallory', email: 'mallory@x.org' },
      setup: () => undefined,
      stderr: /mallory@x\.org.*not an approver/,
      fix: /fix: .*approver/,
    },
    {
      name: 'signing on, but no signing key configured',
      setup: (repo) => repo.git('config', '--unset', 'user.signingkey'),
      stderr: /no signing key configured/,
      fix: /git config gpg\.format ssh.*git config user\.signingkey/,
    },
    {
      name: 'a signing key file that does not exist',
      setup: (repo) => repo.git('config', 'user.signingkey', join(repo.dir, 'nope.key')),
      stderr: /does not exist/,
      fix: /git config user\.signingkey/,
    },
    {
      name: 'content changes not committed (work tree)',
      setup: (repo) => writeFileSync(join(repo.dir, DESIGN), designText('Edited, not committed.')),
      stderr: /docs\/design\/d\.md has content changes that are not committed/,
      fix: /git commit -- docs\/design\/d\.md/,
    },
    {
      name: 'content changes staged but not committed',
      setup: (repo) => {
        const text = read(repo);
        writeFileSync(join(repo.dir, DESIGN), designText('Staged edit.'));
        repo.git('add', DESIGN);
        writeFileSync(join(repo.dir, DESIGN), text);
      },
      stderr: /not committed/,
      fix: /commit the design first/,
    },
    {
      name: 'a file that is not a design',
      setup: () => undefined,
      args: ['src/d.ts'],
      stderr: /src\/d\.ts is not a design document/,
      fix: /fix: give design documents/,
    },
    {
      name: 'a design that is not committed at all',
      setup: (repo) => writeFileSync(join(repo.dir, 'docs/design/new.md'), designText('New.')),
      args: ['docs/design/new.md'],
      stderr: /docs\/design\/new\.md is not committed/,
      fix: /git commit -- docs\/design\/new\.md/,
    },
  ];
  for (const c of refusals) {
    test(`refuses ${c.name} before writing anything (exit 2, fix named)`, () => {
      const repo = track(sshRepo(c.me ?? bob));
      c.setup(repo);
      const before = snapshot(repo);
      const r = runCli(['approve', ...(c.args ?? [DESIGN])], { cwd: repo.dir });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, c.stderr);
      assert.match(r.stderr, c.fix);
      assert.equal(snapshot(repo), before, 'nothing in the work tree or the index changed');
    });
  }

  test('when the commit fails (a hook refuses), the files and the index are restored', () => {
    const repo = track(sshRepo(bob));
    writeFileSync(join(repo.dir, 'src/staged.ts'), 'export const s = 1;\n');
    repo.git('add', 'src/staged.ts');
    writeFileSync(join(repo.dir, '.git/hooks/pre-commit'), '#!/bin/sh\necho "hook says no" >&2\nexit 1\n');
    chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
    const before = snapshot(repo);
    const r = runCli(['approve', DESIGN], { cwd: repo.dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /git commit failed, so the files were restored as they were: .*hook says no/);
    assert.equal(snapshot(repo), before);
  });

  test('when git cannot sign with the key, nothing is lost', () => {
    const repo = track(sshRepo(bob));
    writeFileSync(join(repo.dir, 'broken.key'), 'not a key\n');
    repo.git('config', 'user.signingkey', join(repo.dir, 'broken.key'));
    const before = snapshot(repo);
    const r = runCli(['approve', DESIGN], { cwd: repo.dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /git commit failed/);
    assert.equal(snapshot(repo), before);
  });

  test('the architecture at its default path is approved even when .designrc.json names no architecture', () => {
    const repo = track(sshRepo(bob));
    const config = JSON.parse(read(repo, '.designrc.json')) as Record<string, unknown>;
    assert.equal('architecture' in config, false);
    commitAs(repo, { 'docs/architecture.md': '---\ncontexts:\n  a:\n    owns: [src/a/]\n---\n' }, { author: alice, message: 'architecture' });
    const r = runCli(['approve', 'docs/architecture.md'], { cwd: repo.dir });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(read(repo, 'docs/architecture.md'), /^status: approved$/m);
  });

  test('an architecture edit makes exactly one context\'s designs suspect, and approve --confirm clears them', async () => {
    const repo = track(sshRepo(bob));
    const ARCH = 'docs/architecture.md';
    const arch = (purpose: string) => `---\ncontexts:\n  a:\n    owns: [src/a/]\n    purpose: ${purpose}\n  b:\n    owns: [src/b/]\n---\n`;
    const config = JSON.parse(read(repo, '.designrc.json')) as { gates: Record<string, string> };
    config.gates['architecture'] = 'warn';
    commitAs(repo, {
      '.designrc.json': `${JSON.stringify(config, null, 2)}\n`,
      [ARCH]: arch('First.'),
      'src/a/x.ts': 'export {};\n',
      'src/b/y.ts': 'export {};\n',
      'docs/design/a/x.md': designText('X.'),
      'docs/design/b/y.md': designText('Y.'),
    }, { author: alice, message: 'two contexts' });
    for (const folder of ['docs/design/a', 'docs/design/b']) assert.equal(runCli(['approve', folder], { cwd: repo.dir }).status, 0);
    assert.match(read(repo, 'docs/design/a/x.md'), /^ {2}context: sha256:[0-9a-f]{64}$/m);

    const suspects = async () => {
      const ws = await loadWorkspace({ cwd: repo.dir, env: gitEnv() });
      const group = ws.groups[0]!;
      const readText = workTreeReader(ws.repoRoot);
      const { architecture } = await checkGate1(group, readText);
      return (await checkSuspect(group, readText, { architecture })).map((p) => `${p.file} ${p.ruleId} ${p.message.slice(0, 57)}`);
    };
    assert.deepEqual(await suspects(), []);
    commitAs(repo, { [ARCH]: arch('Second.') }, { author: alice, message: 'context a changes' });
    assert.deepEqual(await suspects(), ['docs/design/a/x.md suspect-design suspect: approved against an earlier entry of context "a"']);
    // `designgate check` reports it too, as a warning on that design only.
    const check = runCli(['check', '--all'], { cwd: repo.dir });
    assert.match(check.stdout, /^docs\/design\/a\/x\.md:\d+:\d+: warning suspect: approved against an earlier entry of context "a" .*\[suspect-design\]$/m);
    assert.equal(check.stdout.match(/\[suspect-design\]/g)?.length, 1);

    const before = read(repo, 'docs/design/a/x.md');
    const r = runCli(['approve', '--confirm', 'docs/design'], { cwd: repo.dir });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /confirmed 1 design against the architecture in commit [0-9a-f]{12} \(signed\)\n {2}docs\/design\/a\/x\.md\n/);
    assert.match(r.stdout, /docs\/design\/b\/y\.md: already confirmed/);
    // The commit: that design only, one line changed, Bob's trailer and signature.
    assert.deepEqual(repo.git('show', '--name-only', '--format=', 'HEAD').trim().split('\n'), ['docs/design/a/x.md']);
    assert.equal(repo.git('diff', 'HEAD~1', 'HEAD', '--numstat').trim(), '1\t1\tdocs/design/a/x.md');
    assert.equal(read(repo, 'docs/design/a/x.md').replace(/context: .*/, ''), before.replace(/context: .*/, ''));
    assert.match(repo.git('log', '-1', '--format=%s'), /^Confirm docs\/design\/a\/x\.md against its context/);
    assert.equal(repo.git('log', '-1', '--format=%(trailers:key=Approved-by,valueonly)').trim(), 'Bob Builder <bob@x.org>');
    assert.equal(repo.git('log', '-1', '--format=%G?').trim(), 'G');
    assert.deepEqual(await suspects(), []);
    // The approval itself still verifies: the confirm commit added no approver and hid none.
    assert.equal((await runCheck(repo, { paths: ['docs/design/a/x.md'] })).verdict.state, 'approved');
    // A design that is not approved has nothing to confirm.
    commitAs(repo, { 'src/a/z.ts': 'export {};\n', 'docs/design/a/z.md': designText('Z.') }, { author: alice });
    const head = repo.git('rev-parse', 'HEAD');
    const refused = runCli(['approve', '--confirm', 'docs/design/a/z.md'], { cwd: repo.dir });
    assert.equal(refused.status, 0);
    assert.match(refused.stdout, /docs\/design\/a\/z\.md: not approved as it stands.*\n.*nothing to do/);
    assert.equal(repo.git('rev-parse', 'HEAD'), head);
  });
});

