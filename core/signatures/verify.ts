/**
 * The one entry point for commit signatures: is this commit signed by a key that the trusted
 * registry binds to exactly this approver, valid now? A signature binds a key, not the email in a
 * trailer or the committer field (reliability R2), and key validity is judged at the time of the
 * check, never at the committer date the signer chose (R10).
 */
import { signatureMessages as m } from '../messages/signatures.js';
import { matchPatternList } from './allowed-signers.js';
import { isPgpSignature, verifyPgpSignature } from './openpgp.js';
import type { KeyRegistry, SshBinding } from './registry.js';
import { isSshSignature, verifySshsig } from './sshsig.js';

export { buildKeyRegistry, fingerprintsFor, type KeyRegistry, type KeyRegistryInput } from './registry.js';

export type SignatureVerdict =
  | { ok: true; kind: 'ssh' | 'openpgp'; email: string; fingerprint: string }
  | {
      ok: false;
      reason:
        | 'unsigned'
        | 'bad-signature'
        | 'unknown-key'
        | 'wrong-principal'
        | 'expired'
        | 'not-yet-valid'
        | 'wrong-namespace'
        | 'revoked'
        | 'unsupported';
      message: string;
    };

type Failure = Extract<SignatureVerdict, { ok: false }>;

/**
 * Verifies `signature` (a gpgsig header: SSH or OpenPGP armor) over `payload` (the raw commit
 * without that header) and that the signing key is registered to exactly `email` through a
 * literal principal (wildcards do not count), valid at `now`, allowed the `git` namespace and
 * not revoked. OpenPGP support is imported only when such a signature appears.
 *
 * @example await verifyCommitSignature({ signature: c.signature, payload: c.signedPayload, email: 'jane@example.com', registry, now: new Date() })
 */
export async function verifyCommitSignature(input: {
  signature: string | undefined;
  payload: Buffer;
  email: string;
  registry: KeyRegistry;
  now: Date;
}): Promise<SignatureVerdict> {
  const { signature, payload, email, registry, now } = input;
  if (signature === undefined || signature.trim() === '') return fail('unsigned', m.unsigned);
  if (isSshSignature(signature)) return verifySsh(signature, payload, email, registry, now);
  if (isPgpSignature(signature)) {
    return verifyPgpSignature({ armoredSignature: signature, payload, email, keys: registry.openpgp, revoked: registry.revoked, now });
  }
  return fail('unsupported', m.unknownFormat);
}

function verifySsh(signature: string, payload: Buffer, email: string, registry: KeyRegistry, now: Date): SignatureVerdict {
  const checked = verifySshsig(signature, payload, 'git');
  if (!checked.ok) return fail(checked.reason, checked.message);
  const { key } = checked;
  const id = key.blob.toString('base64');
  const name = m.sshKeyName(key.fingerprint);
  if (registry.revoked.has(id) || registry.revoked.has(key.fingerprint)) return fail('revoked', m.revoked(name));
  const registered = registry.ssh.get(id);
  if (registered === undefined) return fail('unknown-key', m.unknownKey(name));
  const bindings = registered.bindings.filter((b) => b.literalPrincipals.includes(email));
  if (bindings.length === 0) {
    const wildcard = registered.bindings.find((b) => matchPatternList(email, b.principals) === 1);
    if (wildcard !== undefined) return fail('wrong-principal', m.wildcardOnly(name, email, wildcard.source, wildcard.principals));
    const owners = [...new Set(registered.bindings.flatMap((b) => (b.literalPrincipals.length > 0 ? b.literalPrincipals : [b.principals])))];
    return fail('wrong-principal', m.registeredTo(name, owners));
  }
  let firstFailure: Failure | undefined;
  for (const binding of bindings) {
    const failure = bindingFailure(binding, name, now);
    if (failure === undefined) return { ok: true, kind: 'ssh', email, fingerprint: key.fingerprint };
    firstFailure ??= failure;
  }
  return firstFailure as Failure;
}

/** What keeps one registration from covering a signature now, following ssh-keygen's order. */
function bindingFailure(binding: SshBinding, name: string, now: Date): Failure | undefined {
  if (binding.namespaces !== undefined && matchPatternList('git', binding.namespaces) !== 1) {
    return fail('wrong-namespace', m.namespaceNotAllowed(name, binding.source, binding.namespaces));
  }
  // ssh-keygen compares whole seconds.
  const seconds = Math.floor(now.getTime() / 1000);
  if (binding.validAfter !== undefined && seconds < Math.floor(binding.validAfter.getTime() / 1000)) {
    return fail('not-yet-valid', m.notYetValidFrom(name, binding.validAfter, binding.source));
  }
  if (binding.validBefore !== undefined && seconds > Math.floor(binding.validBefore.getTime() / 1000)) {
    return fail('expired', m.expiredUntil(name, binding.validBefore, binding.source));
  }
  return undefined;
}

function fail(reason: Failure['reason'], message: string): Failure {
  return { ok: false, reason, message };
}
