/**
 * OpenPGP keys and detached signatures (a PGP-signed commit's gpgsig header) through openpgp.js.
 * openpgp.js costs tens of milliseconds to import, so it is loaded with `await import()` the first
 * time an OpenPGP key or signature appears, never on a hook path that only meets SSH. Validity is
 * judged at the time of the check, not at the signature's creation time that openpgp.js uses,
 * because the signer chooses that time (reliability R10).
 */
import type { Key, KeyID } from 'openpgp';
import { signatureMessages as m } from '../messages/signatures.js';

type OpenPgp = typeof import('openpgp');

let loading: Promise<OpenPgp> | undefined;

/** The openpgp module, imported once on first use. */
export function loadOpenPgp(): Promise<OpenPgp> {
  loading ??= import('openpgp');
  return loading;
}

export interface PgpKey {
  /** Primary key fingerprint, upper-case hex. */
  fingerprint: string;
  /** Lower-case hex fingerprints of the primary key and every subkey (for revocation lists). */
  fingerprints: string[];
  /** Lower-case hex key IDs of the primary key and every subkey (what a signature names). */
  keyIds: string[];
  key: Key;
}

/** The OpenPGP share of verify.ts's `SignatureVerdict` (declared here so the two modules do not import each other). */
export type PgpVerdict =
  | { ok: true; kind: 'openpgp'; email: string; fingerprint: string }
  | { ok: false; reason: 'bad-signature' | 'unknown-key' | 'wrong-principal' | 'expired' | 'not-yet-valid' | 'revoked'; message: string };

export interface RegisteredPgpKey {
  pgp: PgpKey;
  /** The approver the config registers it to. */
  email: string;
  /** Where it was registered, for messages. */
  source: string;
}

export function isArmoredPgpKey(text: string): boolean {
  return /^\s*-----BEGIN PGP PUBLIC KEY BLOCK-----/.test(text);
}

export function isPgpSignature(text: string): boolean {
  return /^\s*-----BEGIN PGP SIGNATURE-----/.test(text);
}

/** Reads an armored public key block (one or more keys); a private key is refused. */
export async function readPgpKeys(armored: string): Promise<{ ok: true; keys: PgpKey[] } | { ok: false; message: string }> {
  const openpgp = await loadOpenPgp();
  let keys: Key[];
  try {
    keys = await openpgp.readKeys({ armoredKeys: armored });
  } catch (error) {
    return { ok: false, message: errorText(error) };
  }
  return {
    ok: true,
    keys: keys.map((key) => ({
      fingerprint: key.getFingerprint().toUpperCase(),
      fingerprints: [key, ...key.subkeys].map((k) => k.getFingerprint().toLowerCase()),
      keyIds: key.getKeyIDs().map((id) => id.toHex().toLowerCase()),
      key,
    })),
  };
}

/**
 * Verifies a detached armored OpenPGP signature over the commit payload (bytes, as git signs
 * them), then that the key is registered to exactly `email`, is not revoked, is valid at `now`
 * and carries a self-certified user ID with that email.
 */
export async function verifyPgpSignature(input: {
  armoredSignature: string;
  payload: Buffer;
  email: string;
  keys: readonly RegisteredPgpKey[];
  revoked: ReadonlySet<string>;
  now: Date;
}): Promise<PgpVerdict> {
  const openpgp = await loadOpenPgp();
  const { email, now } = input;
  let signature: Awaited<ReturnType<OpenPgp['readSignature']>>;
  try {
    signature = await openpgp.readSignature({ armoredSignature: input.armoredSignature });
  } catch (error) {
    return fail('bad-signature', m.pgpMalformed(errorText(error)));
  }
  const issuers = signature.getSigningKeyIDs();
  if (issuers.length === 0) return fail('bad-signature', m.pgpNoIssuer);
  const issuerHex = issuers.map((id) => id.toHex().toLowerCase());
  const candidates = input.keys.filter((k) => k.pgp.keyIds.some((id) => issuerHex.includes(id)));
  const first = candidates[0];
  if (first === undefined) return fail('unknown-key', m.unknownKey(m.pgpKeyName((issuerHex[0] as string).toUpperCase())));
  const name = m.pgpKeyName(first.pgp.fingerprint);
  const issuer = issuers[0] as KeyID;

  const message = await openpgp.createMessage({ binary: new Uint8Array(input.payload) });
  try {
    const result = await openpgp.verify({ message, signature, verificationKeys: [first.pgp.key], date: now, format: 'binary' });
    const sig = result.signatures[0];
    if (sig === undefined) return fail('bad-signature', m.pgpNoIssuer);
    await sig.verified;
  } catch (error) {
    return classify(errorText(error), name, () => m.pgpBadSignature(first.pgp.fingerprint, errorText(error)));
  }

  if (first.pgp.fingerprints.some((fp) => input.revoked.has(fp)) || (await first.pgp.key.isRevoked(undefined, undefined, now))) {
    return fail('revoked', m.revoked(name));
  }
  const registered = candidates.filter((k) => k.email === email);
  if (registered.length === 0) return fail('wrong-principal', m.registeredTo(name, [...new Set(candidates.map((k) => k.email))]));
  if (first.pgp.key.getCreationTime() > now) return fail('not-yet-valid', m.pgpNotYetValid(name, first.pgp.key.getCreationTime()));
  const expires = await first.pgp.key.getExpirationTime().catch(() => null);
  if (expires instanceof Date && expires <= now) return fail('expired', m.pgpExpired(name, expires));
  try {
    await first.pgp.key.getSigningKey(issuer, now);
  } catch (error) {
    return classify(errorText(error), name, () => m.pgpBadSignature(first.pgp.fingerprint, errorText(error)));
  }
  try {
    await first.pgp.key.getPrimaryUser(now, { email });
  } catch {
    return fail('wrong-principal', m.pgpUserIdMissing(name, email));
  }
  return { ok: true, kind: 'openpgp', email, fingerprint: first.pgp.fingerprint };
}

/** openpgp.js reports validity problems only as error text; sort them into verdict reasons. */
function classify(text: string, name: string, otherwise: () => string): PgpVerdict {
  if (/revoked/i.test(text)) return fail('revoked', m.revoked(name));
  if (/creation time is in the future/i.test(text)) return fail('not-yet-valid', m.pgpSignedInFuture(name));
  if (/expired/i.test(text)) return fail('expired', m.pgpExpired(name, undefined));
  return fail('bad-signature', otherwise());
}

function fail(reason: Extract<PgpVerdict, { ok: false }>['reason'], message: string): PgpVerdict {
  return { ok: false, reason, message };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
