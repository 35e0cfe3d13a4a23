import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitEnv, makeRepo, type TempRepo } from '../../helpers/repo.js';
import { openGit } from '../../../core/git/index.js';
import { isDesignGateError } from '../../../core/errors.js';
import { isTrustRoot, loadTrustRoot } from '../../../core/approval/trust-root.js';
import { alice, bob, commitAs, configText } from './helpers.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

async function load(r: TempRepo, rev: string | undefined, configPath = '.designrc.json', revokedKeys?: string[]) {
  const git = await openGit({ cwd: r.dir, env: gitEnv() });
  try {
    return await loadTrustRoot({ git, rev: rev === undefined ? undefined : await git.resolve(rev), configPath, ...(revokedKeys ? { revokedKeys } : {}) });
  } finally {
    await git.close();
  }
}

function repo(): TempRepo {
  const r = makeRepo();
  repos.push(r);
  return r;
}

describe('loadTrustRoot', () => {
  test('reads the config as committed at the trusted revision, not the work tree or a later commit', async () => {
    const r = repo();
    commitAs(r, { '.designrc.json': configText({ approvers: [{ person: alice }], requiredApprovals: 1 }) }, { author: alice });
    r.git('tag', 'base');
    commitAs(r, { '.designrc.json': configText({ approvers: [{ person: alice }, { person: bob }], requiredApprovals: 1, signedApprovals: false }) }, { author: bob });
    writeFileSync(join(r.dir, '.designrc.json'), configText({ approvers: [{ person: bob }], requiredApprovals: 3 }));
    const root = await load(r, 'base');
    assert.ok(isTrustRoot(root));
    assert.deepEqual(root.config.approvers.map((a) => a.email), ['alice@x.org']);
    assert.equal(root.config.signedApprovals, true);
    assert.equal(root.approver('ALICE@X.ORG')?.name, alice.name);
    assert.equal(root.approver('bob@x.org'), undefined);
    assert.equal(root.registry.ssh.size, 1);
  });

  test('no commits, or no config at the revision: unavailable, with the fix', async () => {
    const r = repo();
    const none = await load(r, undefined);
    assert.ok(!isTrustRoot(none));
    assert.match(none.fix, /commit \.designrc\.json/);
    commitAs(r, { 'README.md': 'x' }, { author: alice });
    const missing = await load(r, 'HEAD');
    assert.ok(!isTrustRoot(missing));
    assert.match(missing.message, /\.designrc\.json does not exist at the trusted revision [0-9a-f]{12}/);
    assert.match(missing.fix, /protected branch/);
  });

  test('an invalid config at the trusted revision is a CONFIG error naming the revision', async () => {
    const r = repo();
    commitAs(r, { '.designrc.json': '{ "components": 7 }' }, { author: alice });
    await assert.rejects(load(r, 'HEAD'), (e: unknown) => isDesignGateError(e) && e.code === 'CONFIG' && /at the trusted revision [0-9a-f]{12}/.test(e.message) && e.causes.length > 0);
  });

  test('an allowedSignersFile missing at the revision is a CONFIG error', async () => {
    const r = repo();
    commitAs(r, { '.designrc.json': configText({ allowedSignersFile: 'signers' }) }, { author: alice });
    await assert.rejects(load(r, 'HEAD'), (e: unknown) => isDesignGateError(e) && e.code === 'CONFIG' && /signers does not exist/.test(e.message) && /allowedSignersFile/.test(e.fix ?? ''));
  });

  test('signers come from the file at the revision, relative to the config folder', async () => {
    const r = repo();
    commitAs(r, { 'pkg/.designrc.json': configText({ approvers: [{ person: { name: bob.name, email: bob.email } }], allowedSignersFile: 'keys/signers' }), 'pkg/keys/signers': `bob@x.org ${bob.publicKey}\n` }, { author: alice });
    const root = await load(r, 'HEAD', 'pkg/.designrc.json');
    assert.ok(isTrustRoot(root));
    assert.equal(root.prefix, 'pkg/');
    assert.equal(root.registry.ssh.size, 1);
    const approver = root.approver('bob@x.org')!;
    assert.ok(root.covers(approver, 'pkg/docs/design/a.md'));
    assert.ok(!root.covers(approver, 'other/docs/design/a.md'));
  });

  test('paths globs limit what an approver covers', async () => {
    const r = repo();
    commitAs(r, { '.designrc.json': configText({ approvers: [{ person: bob, paths: ['docs/design/core/**'] }] }) }, { author: alice });
    const root = await load(r, 'HEAD');
    assert.ok(isTrustRoot(root));
    const approver = root.approver('bob@x.org')!;
    assert.ok(root.covers(approver, 'docs/design/core/a.md'));
    assert.ok(!root.covers(approver, 'docs/design/cli/a.md'));
  });

  test('revoked keys are handed to the registry', async () => {
    const r = repo();
    commitAs(r, { '.designrc.json': configText() }, { author: alice });
    const root = await load(r, 'HEAD', '.designrc.json', [bob.publicKey]);
    assert.ok(isTrustRoot(root));
    assert.equal(root.registry.revoked.size, 1);
  });

  const refused: Array<[string, Parameters<typeof configText>[0], RegExp]> = [
    ['a wildcard approver', { approvers: [{ person: { ...bob, email: '*@x.org' } }] }, /pattern, not one person/],
    ['a look-alike approver', { approvers: [{ person: { ...bob, email: 'b\u043eb@x.org' } }] }, /not plain ASCII/],
    ['a bidi control in a name', { approvers: [{ person: { ...bob, name: 'Bob \u202e' } }] }, /invisible/],
  ];
  for (const [what, config, cause] of refused) {
    test(`refuses ${what} (CONFIG, located in the config)`, async () => {
      const r = repo();
      commitAs(r, { '.designrc.json': configText(config) }, { author: alice });
      await assert.rejects(load(r, 'HEAD'), (e: unknown) => {
        assert.ok(isDesignGateError(e) && e.code === 'CONFIG', String(e));
        assert.ok(e.causes.some((c) => c.file === '.designrc.json' && cause.test(c.message)), JSON.stringify(e.causes));
        return true;
      });
    });
  }
});
