import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitEnv, makeRepo, type TempRepo } from '../../helpers/repo.js';
import { isDesignGateError } from '../../../core/errors.js';
import { applyEdits, checkSigningSetup, currentUser } from '../../../core/approval/commit.js';
import { bob, gpgKey } from './helpers.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
function repo(): TempRepo {
  const r = makeRepo({ 'a.md': 'a\n', 'b.md': 'b\n', 'c.txt': 'c\n' });
  repos.push(r);
  r.git('config', 'user.name', bob.name);
  r.git('config', 'user.email', bob.email);
  return r;
}
const run = (r: TempRepo, env: Record<string, string> = {}) => ({ cwd: r.dir, env: gitEnv(env) });
const edit = (path: string, before: string, after: string) => ({ path, before, after, mode: 0o644, signed: false });
const state = (r: TempRepo) => [r.git('rev-parse', 'HEAD'), r.git('ls-files', '-s'), r.git('status', '--porcelain'), readFileSync(join(r.dir, 'a.md'), 'utf8')].join('\n');
const usage = (pattern: RegExp) => (e: unknown) => isDesignGateError(e) && e.code === 'USAGE' && pattern.test(e.message) && e.fix !== undefined;

describe('currentUser', () => {
  test('reads user.name and user.email from git config', async () => {
    const r = repo();
    assert.deepEqual(await currentUser(run(r)), { name: bob.name, email: bob.email });
  });
  test('refuses when either is unset', async () => {
    const r = repo();
    r.git('config', '--unset', 'user.email');
    await assert.rejects(currentUser(run(r)), usage(/does not know who you are/));
  });
});

describe('checkSigningSetup', () => {
  test('SSH: a key file that exists, a key:: literal, or a default key command', async () => {
    const r = repo();
    r.git('config', 'gpg.format', 'ssh');
    await assert.rejects(checkSigningSetup(run(r), bob), usage(/no signing key configured \(gpg\.format ssh\)/));
    r.git('config', 'user.signingkey', join(r.dir, 'missing.pub'));
    await assert.rejects(checkSigningSetup(run(r), bob), usage(/does not exist/));
    r.git('config', 'user.signingkey', bob.key);
    await checkSigningSetup(run(r), bob);
    r.git('config', 'user.signingkey', `key::${bob.publicKey}`);
    await checkSigningSetup(run(r), bob);
    r.git('config', '--unset', 'user.signingkey');
    r.git('config', 'gpg.ssh.defaultKeyCommand', 'ssh-add -L');
    await checkSigningSetup(run(r), bob);
  });

  test('OpenPGP: a configured key, or a secret key for the user in gpg', async () => {
    const r = repo();
    const key = gpgKey(bob);
    await checkSigningSetup(run(r, { GNUPGHOME: key.home }), bob);
    await assert.rejects(checkSigningSetup(run(r, { GNUPGHOME: key.home }), { ...bob, email: 'other@x.org' }), usage(/gpg\.format openpgp/));
    r.git('config', 'user.signingkey', key.keyId);
    await checkSigningSetup(run(r), { ...bob, email: 'other@x.org' });
  });
});

describe('applyEdits', () => {
  test('stages and commits exactly the edited files; other staged work stays staged', async () => {
    const r = repo();
    writeFileSync(join(r.dir, 'c.txt'), 'staged\n');
    r.git('add', 'c.txt');
    const oid = await applyEdits(run(r), [edit('a.md', 'a\n', 'A\n'), edit('b.md', 'b\n', 'B\n')], { subject: 'Approve 2 designs', body: 'a.md\nb.md', trailer: 'Approved-by: Bob Builder <bob@x.org>', sign: false });
    assert.equal(oid, r.git('rev-parse', 'HEAD').trim());
    assert.deepEqual(r.git('show', '--name-only', '--format=', 'HEAD').trim().split('\n'), ['a.md', 'b.md']);
    assert.equal(r.git('log', '-1', '--format=%B').trim(), 'Approve 2 designs\n\na.md\nb.md\n\nApproved-by: Bob Builder <bob@x.org>');
    assert.equal(r.git('diff', '--cached', '--name-only').trim(), 'c.txt');
  });

  test('without a commit request the edits are only staged', async () => {
    const r = repo();
    const head = r.git('rev-parse', 'HEAD');
    assert.equal(await applyEdits(run(r), [edit('a.md', 'a\n', 'A\n')], undefined), undefined);
    assert.equal(r.git('rev-parse', 'HEAD'), head);
    assert.equal(r.git('diff', '--cached', '--name-only').trim(), 'a.md');
  });

  test('a failing commit restores files and index entries exactly, and says why', async () => {
    const r = repo();
    writeFileSync(join(r.dir, 'c.txt'), 'staged\n');
    r.git('add', 'c.txt');
    writeFileSync(join(r.dir, '.git/hooks/pre-commit'), '#!/bin/sh\necho refused >&2\nexit 1\n');
    chmodSync(join(r.dir, '.git/hooks/pre-commit'), 0o755);
    const before = state(r);
    await assert.rejects(applyEdits(run(r), [edit('a.md', 'a\n', 'A\n')], { subject: 's', sign: false }), (e: unknown) => isDesignGateError(e) && e.code === 'GIT' && /refused/.test(e.message));
    assert.equal(state(r), before);
  });

  test('a failing signature restores too', async () => {
    const r = repo();
    r.git('config', 'gpg.format', 'ssh');
    r.git('config', 'user.signingkey', join(r.dir, 'c.txt'));
    const before = state(r);
    await assert.rejects(applyEdits(run(r), [edit('a.md', 'a\n', 'A\n')], { subject: 's', sign: true }), (e: unknown) => isDesignGateError(e) && /git commit failed/.test(e.message));
    assert.equal(state(r), before);
  });

  test('paths that look like pathspec magic are taken literally', async () => {
    const r = repo();
    writeFileSync(join(r.dir, '*.md'), 'star\n');
    r.git('add', '--', ':(literal)*.md');
    r.git('commit', '-q', '-m', 'star');
    await applyEdits(run(r), [edit('*.md', 'star\n', 'STAR\n')], { subject: 's', sign: false });
    assert.deepEqual(r.git('show', '--name-only', '--format=', 'HEAD').trim().split('\n'), ['*.md']);
    assert.equal(readFileSync(join(r.dir, 'a.md'), 'utf8'), 'a\n');
  });
});
