/**
 * What makes one commit an approval by one person at all: an `Approved-by` trailer for that email,
 * and, when the trust root requires signing, a signature by a key the root binds to exactly that
 * email, valid and unrevoked now. Each commit is read once and each (commit, email, root) signature
 * verified once, however many designs the commit approves. Every failure becomes a finding with
 * its own rule id, message and fix.
 */
import type { CommitInfo, GitAdapter } from '../git/types.js';
import { parseIdentity, trailerValues } from '../trailers.js';
import { verifyCommitSignature, type SignatureVerdict } from '../signatures/verify.js';
import { approvalMessages as m } from '../messages/approval.js';
import { identityKey, sameEmail, unsafeIdentity } from './identity.js';
import type { TrustRoot } from './trust-root.js';

/** A failed requirement for one approver of one design. */
export interface Finding {
  ruleId: string;
  message: string;
  fix: string;
}

/** Reads and verifies commits once each, however many designs they approve. */
export class CommitVerifier {
  private readonly commits = new Map<string, Promise<CommitInfo>>();
  private readonly signatures = new Map<string, Promise<SignatureVerdict>>();
  private readonly trailers = new Map<string, Promise<string[]>>();
  constructor(
    private readonly git: GitAdapter,
    private readonly now: Date,
  ) {}

  /** The commit, read once. */
  read(oid: string): Promise<CommitInfo> {
    let c = this.commits.get(oid);
    if (c === undefined) this.commits.set(oid, (c = this.git.readCommit(oid)));
    return c;
  }

  /** Does `oid` carry an `Approved-by` trailer for `email`? */
  async hasTrailer(oid: string, email: string): Promise<boolean> {
    return (await this.approvedBy(oid)).some((approver) => sameEmail(approver, email));
  }

  /** The e-mails of the safe `Approved-by` trailers of `oid`, parsed once (a batch approval serves many designs). */
  private approvedBy(oid: string): Promise<string[]> {
    let found = this.trailers.get(oid);
    if (found === undefined) {
      found = this.read(oid).then((commit) =>
        trailerValues(commit.message, 'Approved-by').flatMap((value) => {
          const identity = parseIdentity(value);
          return identity !== undefined && unsafeIdentity(identity) === undefined ? [identity.email] : [];
        }),
      );
      this.trailers.set(oid, found);
    }
    return found;
  }

  /** The signature verdict of `oid` for `email` under `trust`'s registry, verified once. */
  signature(oid: string, email: string, trust: TrustRoot): Promise<SignatureVerdict> {
    const key = `${oid}\0${identityKey(email)}\0${trust.configPath}`;
    let v = this.signatures.get(key);
    if (v === undefined) {
      v = this.read(oid).then((commit) =>
        verifyCommitSignature({ signature: commit.signature, payload: commit.signedPayload, email, registry: trust.registry, now: this.now }),
      );
      this.signatures.set(key, v);
    }
    return v;
  }
}

/** Trailer and signature: what makes a commit an approval by `email` at all. */
export async function verifyBasic(verifier: CommitVerifier, trust: TrustRoot, path: string, commit: string, email: string): Promise<Finding | undefined> {
  if (!(await verifier.hasTrailer(commit, email))) {
    return { ruleId: 'approval-missing-trailer', message: m.missingTrailer(email, commit), fix: m.missingTrailerFix(path) };
  }
  if (!trust.config.signedApprovals) return undefined;
  const approver = trust.approver(email);
  const verdict = await verifier.signature(commit, approver?.email ?? email, trust);
  return verdict.ok ? undefined : signatureFinding(verdict, commit, email, path, trust.configPath);
}

/** The finding for a failed signature verdict: one rule id per reason. */
export function signatureFinding(verdict: Extract<SignatureVerdict, { ok: false }>, commit: string, email: string, path: string, config: string): Finding {
  const fix = m.signatureFix(path);
  switch (verdict.reason) {
    case 'unsigned':
      return { ruleId: 'approval-unsigned', message: m.unsigned(commit), fix };
    case 'bad-signature':
      return { ruleId: 'approval-bad-signature', message: m.badSignature(commit, verdict.message), fix };
    case 'unknown-key':
      return { ruleId: 'approval-unknown-key', message: m.unknownKey(commit, email, config), fix: m.unknownKeyFix(email, config) };
    case 'wrong-principal':
      return { ruleId: 'approval-wrong-signer', message: m.wrongSigner(commit, verdict.message, email), fix: m.wrongSignerFix(email, path) };
    case 'expired':
    case 'not-yet-valid':
      return { ruleId: 'approval-key-invalid', message: m.keyExpired(commit, verdict.message), fix };
    case 'revoked':
      return { ruleId: 'approval-key-revoked', message: m.keyRevoked(commit), fix };
    case 'wrong-namespace':
      return { ruleId: 'approval-wrong-namespace', message: m.wrongNamespace(commit), fix };
    default:
      return { ruleId: 'approval-signature-unsupported', message: m.unsupportedSignature(commit, verdict.message), fix };
  }
}
