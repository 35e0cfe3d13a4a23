/**
 * core/doctor: the version checks as pure functions, the signing check against real git config,
 * real SSH keys (ssh-keygen) and a real OpenPGP key (gpg in a private GNUPGHOME), and runDoctor
 * with the real hook check and the real Ollama client as its probes.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkGitVersion, checkNode, checkSigning, parseVersion, runDoctor, type DoctorProbes } from '../../core/doctor.js';
import { loadConfig } from '../../core/config/load.js';
import { gitEnv, makeRepo, type TempRepo } from '../helpers/repo.js';
import { gpgKey, sshKey } from './approval/helpers.js';
import { checkHooks } from '../../hooks/install.js';
import { connectOllama } from '../../generators/ollama.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

const jane = { name: 'Jane Doe', email: 'jane@example.com' };
const key = sshKey('jane');

function repoWith(config: Record<string, unknown>, files: Record<string, string> = {}): TempRepo {
  const repo = makeRepo({ '.designrc.json': JSON.stringify({ preset: 'typescript', ...config }), ...files });
  repo.git('config', 'user.name', jane.name);
  repo.git('config', 'user.email', jane.email);
  repos.push(repo);
  return repo;
}

function signing(repo: TempRepo, env: Record<string, string> = {}) {
  const config = loadConfig(join(repo.dir, '.designrc.json'), { displayPath: '.designrc.json' });
  return checkSigning({ repoRoot: repo.dir, env: gitEnv(env), config, display: '.designrc.json' });
}

const registered = { approvers: [{ ...jane, keys: [key.publicKey] }] };

describe('versions', () => {
  test('parseVersion reads node, git and vendor suffixes', () => {
    assert.deepEqual(parseVersion('v20.17.0'), [20, 17, 0]);
    assert.deepEqual(parseVersion('git version 2.39.5.windows.1'), [2, 39, 5]);
    assert.deepEqual(parseVersion('>=20.17'), [20, 17, 0]);
    assert.equal(parseVersion('git'), undefined);
  });

  test('node against the engines range', () => {
    assert.equal(checkNode('v20.17.0', '>=20.17').status, 'ok');
    assert.equal(checkNode('v22.1.0', '>=20.17').status, 'ok');
    const old = checkNode('v20.16.9', '>=20.17');
    assert.equal(old.status, 'fail');
    assert.match(old.message, /node v20\.16\.9 is too old: designgate needs >=20\.17/);
    assert.match(old.fix ?? '', /install node >=20\.17/);
  });

  test('git 2.34 or newer', () => {
    assert.equal(checkGitVersion('git version 2.34.0').status, 'ok');
    assert.equal(checkGitVersion('git version 2.45.1 (Apple Git-154)').status, 'ok');
    const old = checkGitVersion('git version 2.30.2');
    assert.equal(old.status, 'fail');
    assert.match(old.message, /git 2\.30\.2 is too old: designgate needs 2\.34\.0/);
    assert.equal(checkGitVersion('nonsense').status, 'fail');
  });
});

describe('checkSigning', () => {
  test('signing off: skipped, saying approvals are unsigned attestations', async () => {
    const c = await signing(repoWith({ signedApprovals: false, ...registered }));
    assert.equal(c.status, 'skip');
    assert.match(c.message, /unsigned attestations/);
  });

  test('no git user: fail with the git config commands', async () => {
    const repo = repoWith(registered);
    repo.git('config', '--unset', 'user.email');
    const c = await signing(repo);
    assert.equal(c.status, 'fail');
    assert.match(c.fix ?? '', /git config --global user\.email/);
  });

  test('the email is matched case-insensitively to an approver', async () => {
    const repo = repoWith(registered);
    repo.git('config', 'user.email', 'Jane@Example.com');
    repo.git('config', 'gpg.format', 'ssh');
    repo.git('config', 'user.signingkey', `${key.key}.pub`);
    assert.equal((await signing(repo)).status, 'ok');
  });

  test('SSH keys as git reads user.signingkey: a .pub file, a private key beside its .pub, a key:: literal, a bare public key line', async () => {
    for (const value of [`${key.key}.pub`, key.key, `key::${key.publicKey}`, key.publicKey]) {
      const repo = repoWith(registered);
      repo.git('config', 'gpg.format', 'ssh');
      repo.git('config', 'user.signingkey', value);
      const c = await signing(repo);
      assert.equal(c.status, 'ok', `${value}: ${c.message}`);
      assert.match(c.message, /^signing with ssh key SHA256:[A-Za-z0-9+/]{43}, registered for jane@example\.com$/);
    }
  });

  test('~/ in user.signingkey is the HOME of the environment given', async () => {
    const repo = repoWith(registered);
    repo.git('config', 'gpg.format', 'ssh');
    repo.git('config', 'user.signingkey', `~/${key.key.split('/').pop()}.pub`);
    assert.equal((await signing(repo, { HOME: join(key.key, '..') })).status, 'ok');
  });

  test('a key file that does not exist, and a private key without its .pub', async () => {
    const repo = repoWith(registered);
    repo.git('config', 'gpg.format', 'ssh');
    repo.git('config', 'user.signingkey', join(repo.dir, 'nope'));
    const missing = await signing(repo);
    assert.equal(missing.status, 'fail');
    assert.match(missing.message, /points to .*nope, which does not exist/);
    writeFileSync(join(repo.dir, 'lonely'), '-----BEGIN OPENSSH PRIVATE KEY-----\nxx\n-----END OPENSSH PRIVATE KEY-----\n');
    repo.git('config', 'user.signingkey', join(repo.dir, 'lonely'));
    const unreadable = await signing(repo);
    assert.equal(unreadable.status, 'fail');
    assert.match(unreadable.fix ?? '', /ssh-keygen -y -f .*lonely > .*lonely\.pub/);
  });

  test('SSH with only gpg.ssh.defaultKeyCommand: a warning (which key signs is not knowable)', async () => {
    const repo = repoWith(registered);
    repo.git('config', 'gpg.format', 'ssh');
    repo.git('config', 'gpg.ssh.defaultKeyCommand', 'ssh-add -L');
    const c = await signing(repo);
    assert.equal(c.status, 'warn');
    assert.match(c.fix ?? '', /user\.signingkey/);
  });

  test('gpg.format x509 is not verifiable by designgate', async () => {
    const repo = repoWith(registered);
    repo.git('config', 'gpg.format', 'x509');
    const c = await signing(repo);
    assert.equal(c.status, 'fail');
    assert.match(c.message, /x509/);
  });

  test('ssh-keygen replaced by a program that does not exist', async () => {
    const repo = repoWith(registered);
    repo.git('config', 'gpg.format', 'ssh');
    repo.git('config', 'user.signingkey', `${key.key}.pub`);
    repo.git('config', 'gpg.ssh.program', '/nonexistent/ssh-keygen');
    const c = await signing(repo);
    assert.equal(c.status, 'fail');
    assert.match(c.message, /\/nonexistent\/ssh-keygen, which git signs with \(gpg\.ssh\.program\), is not installed/);
  });

  test('a key registered through the allowed-signers file counts; a missing file fails', async () => {
    const repo = repoWith({ approvers: [jane], allowedSignersFile: '.designgate/allowed_signers' }, { '.designgate/allowed_signers': `${jane.email} ${key.publicKey}\n` });
    repo.git('config', 'gpg.format', 'ssh');
    repo.git('config', 'user.signingkey', `${key.key}.pub`);
    assert.equal((await signing(repo)).status, 'ok');
    repo.write({ '.designgate/allowed_signers': null });
    const c = await signing(repo);
    assert.equal(c.status, 'fail');
    assert.match(c.message, /allowedSignersFile \.designgate\/allowed_signers does not exist/);
  });

  test('an allowed-signers file the registry cannot read: fail with its located causes', async () => {
    const repo = repoWith({ approvers: [jane], allowedSignersFile: 'signers' }, { signers: `${jane.email} ${key.publicKey}\nbob@x.org ssh-ed25519\n` });
    repo.git('config', 'gpg.format', 'ssh');
    repo.git('config', 'user.signingkey', `${key.key}.pub`);
    const c = await signing(repo);
    assert.equal(c.status, 'fail');
    assert.match(c.message, /the keys registered in \.designrc\.json cannot be read/);
    assert.match((c.details ?? []).join('\n'), /^signers:2: /);
  });

  test('OpenPGP: the secret key gpg holds for user.signingkey, registered or not', async () => {
    const pgp = gpgKey(jane);
    const env = { GNUPGHOME: pgp.home };
    const ok = repoWith({ approvers: [{ ...jane, keys: [pgp.publicKey] }] });
    ok.git('config', 'user.signingkey', pgp.keyId);
    const good = await signing(ok, env);
    assert.equal(good.status, 'ok', good.message);
    assert.match(good.message, new RegExp(`signing with openpgp key ${pgp.keyId}`));

    const unregistered = repoWith(registered);
    unregistered.git('config', 'gpg.format', 'openpgp');
    const c = await signing(unregistered, env); // no user.signingkey: gpg's key for the email
    assert.equal(c.status, 'fail');
    assert.match(c.fix ?? '', new RegExp(`gpg --armor --export ${pgp.keyId}.*approvers\\[0\\]\\.keys`));

    unregistered.git('config', 'user.signingkey', 'DEADBEEFDEADBEEF');
    const unknown = await signing(unregistered, env);
    assert.equal(unknown.status, 'fail');
    assert.match(unknown.message, /gpg has no secret key for DEADBEEFDEADBEEF/);
  });
});

describe('runDoctor', () => {
  const probes = (calls: string[]): DoctorProbes => ({
    async hooks(repoRoot) {
      calls.push('hooks');
      return checkHooks({ repoRoot, env: gitEnv() });
    },
    async ollama(generator) {
      calls.push('ollama');
      const info = await connectOllama({ host: 'http://127.0.0.1:1', model: generator.model, options: {}, timeoutMs: 2000 }).info();
      return { host: 'http://127.0.0.1:1', version: info.version };
    },
  });

  test('every check in order; a failing one makes the report not ok', async () => {
    const repo = repoWith({ ...registered, generator: { model: 'm' } });
    const calls: string[] = [];
    const report = await runDoctor({ cwd: repo.dir, env: gitEnv(), nodeVersion: 'v20.17.0', probes: probes(calls) });
    assert.deepEqual(report.checks.map((c) => c.id), ['node', 'git', 'config', 'hooks', 'signing', 'ollama']);
    assert.equal(report.ok, false);
    assert.deepEqual(calls, ['hooks', 'ollama']);
    assert.equal(report.checks.find((c) => c.id === 'ollama')?.status, 'fail');
    for (const c of report.checks.filter((x) => x.status === 'fail')) assert.ok(c.fix, c.id);
  });

  test('without a generator block Ollama is never contacted', async () => {
    const repo = repoWith({});
    const calls: string[] = [];
    const report = await runDoctor({ cwd: repo.dir, env: gitEnv(), nodeVersion: 'v20.17.0', probes: probes(calls) });
    assert.deepEqual(calls, ['hooks']);
    assert.equal(report.checks.find((c) => c.id === 'ollama')?.status, 'skip');
  });

  test('from a subfolder of a monorepo package, the nearest config is read', async () => {
    const repo = makeRepo({ 'packages/a/.designrc.json': JSON.stringify({ preset: 'typescript', approvers: [jane, { name: 'B', email: 'b@x.org' }] }), 'packages/a/src/x.ts': '' });
    repos.push(repo);
    const report = await runDoctor({ cwd: join(repo.dir, 'packages/a/src'), env: gitEnv(), nodeVersion: 'v20.17.0', probes: probes([]) });
    assert.match(report.checks.find((c) => c.id === 'config')?.message ?? '', /^packages\/a\/\.designrc\.json is valid \(2 approvers\)$/);
  });

  test('a repository without a config: config fails with `designgate init`, signing and ollama are skipped', async () => {
    const repo = makeRepo({ 'README.md': 'x' });
    repos.push(repo);
    const report = await runDoctor({ cwd: repo.dir, env: gitEnv(), nodeVersion: 'v20.17.0', probes: probes([]) });
    const config = report.checks.find((c) => c.id === 'config')!;
    assert.equal(config.status, 'fail');
    assert.match(config.fix ?? '', /designgate init/);
    assert.deepEqual(report.checks.slice(4).map((c) => c.status), ['skip', 'skip']);
  });
});
