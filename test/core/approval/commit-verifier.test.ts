import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gitEnv, type TempRepo } from '../../helpers/repo.js';
import { openGit } from '../../../core/git/index.js';
import { CommitVerifier, signatureFinding, verifyBasic } from '../../../core/approval/commit-verifier.js';
import { isTrustRoot, loadTrustRoot } from '../../../core/approval/trust-root.js';
import type { SignatureVerdict } from '../../../core/signatures/verify.js';
import { DESIGN, alice, approvalRepo, approveAs, bob } from './helpers.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

async function verify(r: TempRepo, commit: string, email: string) {
  const git = await openGit({ cwd: r.dir, env: gitEnv() });
  try {
    const trust = await loadTrustRoot({ git, rev: await git.resolve('base'), configPath: '.designrc.json' });
    assert.ok(isTrustRoot(trust));
    const verifier = new CommitVerifier(git, new Date());
    const first = await verifyBasic(verifier, trust, DESIGN, commit, email);
    // The second answer comes from the verifier's memory and must be the same.
    assert.deepEqual(await verifyBasic(verifier, trust, DESIGN, commit, email), first);
    return first;
  } finally {
    await git.close();
  }
}

describe('commit verifier', () => {
  test('a signed commit with the trailer verifies for its approver, and only for them', async () => {
    const r = approvalRepo();
    repos.push(r);
    const c = approveAs(r, bob);
    assert.equal(await verify(r, c, 'BOB@x.org'), undefined);
    assert.equal((await verify(r, c, alice.email))?.ruleId, 'approval-missing-trailer');
  });

  test('a trailer with a look-alike email does not count', async () => {
    const r = approvalRepo();
    repos.push(r);
    const c = approveAs(r, bob, { trailers: ['Approved-by: Bob <b\u043eb@x.org>'] });
    assert.equal((await verify(r, c, bob.email))?.ruleId, 'approval-missing-trailer');
  });

  test('every signature failure reason has its own rule id and a fix', () => {
    const reasons: Array<[Extract<SignatureVerdict, { ok: false }>['reason'], string]> = [
      ['unsigned', 'approval-unsigned'],
      ['bad-signature', 'approval-bad-signature'],
      ['unknown-key', 'approval-unknown-key'],
      ['wrong-principal', 'approval-wrong-signer'],
      ['expired', 'approval-key-invalid'],
      ['not-yet-valid', 'approval-key-invalid'],
      ['revoked', 'approval-key-revoked'],
      ['wrong-namespace', 'approval-wrong-namespace'],
      ['unsupported', 'approval-signature-unsupported'],
    ];
    for (const [reason, ruleId] of reasons) {
      const f = signatureFinding({ ok: false, reason, message: 'detail' }, '0123456789abcdef', 'bob@x.org', DESIGN, '.designrc.json');
      assert.equal(f.ruleId, ruleId, reason);
      assert.match(f.message, /0123456789ab/, reason);
      assert.match(f.fix, /designgate approve|\.designrc\.json/, reason);
    }
  });
});
