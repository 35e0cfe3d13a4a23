/**
 * SSH signatures (OpenSSH PROTOCOL.sshsig), the `-----BEGIN SSH SIGNATURE-----` blocks that
 * `git commit -S` with `gpg.format=ssh` writes into a commit's gpgsig header. Verified in-process
 * with node:crypto so a hook needs no ssh-keygen and no temporary allowed-signers file; the checks
 * follow `ssh-keygen -Y verify` (magic, version, namespace, hash, key type, signature), and
 * test/core/signatures/sshsig.test.ts compares our verdicts with ssh-keygen's.
 */
import { createHash, verify as cryptoVerify } from 'node:crypto';
import { signatureMessages as m } from '../messages/signatures.js';
import {
  ECDSA_CURVES,
  SshWireReader,
  WireError,
  decodeBase64Strict,
  parseSshKeyBlob,
  sshString,
  unsignedMpint,
  type SshPublicKey,
} from './ssh-key.js';

export interface Sshsig {
  /** The signer's public key in wire format. */
  publicKey: Buffer;
  namespace: string;
  reserved: Buffer;
  hashAlgorithm: string;
  /** The inner SSH signature blob: string format, string value. */
  signature: Buffer;
}

export type SshsigParsed = { ok: true; sig: Sshsig } | { ok: false; reason: 'bad-signature'; message: string };

export type SshsigResult =
  | { ok: true; key: SshPublicKey; namespace: string }
  | { ok: false; reason: 'bad-signature' | 'unsupported' | 'wrong-namespace'; message: string; key?: SshPublicKey };

const BEGIN = '-----BEGIN SSH SIGNATURE-----';
const END = '-----END SSH SIGNATURE-----';
const MAGIC = Buffer.from('SSHSIG');
const HASHES = new Set(['sha256', 'sha512']);

/** True when the text is an armored SSH signature (how a gpgsig header tells SSH from OpenPGP). */
export function isSshSignature(text: string): boolean {
  return text.trimStart().startsWith(BEGIN);
}

/** Reads the armor and the SSHSIG envelope, without verifying anything. */
export function parseSshsig(armored: string): SshsigParsed {
  const lines = armored.replace(/\r\n/g, '\n').trim().split('\n').map((l) => l.trim());
  if (lines.length < 3 || lines[0] !== BEGIN || lines[lines.length - 1] !== END) return bad(m.sshMalformed(m.sigArmor));
  const blob = decodeBase64Strict(lines.slice(1, -1).join(''));
  if (blob === undefined) return bad(m.sshMalformed(m.keyBase64));
  try {
    if (blob.length < MAGIC.length || !blob.subarray(0, MAGIC.length).equals(MAGIC)) return bad(m.sshMalformed(m.sigMagic));
    const r = new SshWireReader(blob.subarray(MAGIC.length));
    const version = r.uint32();
    if (version !== 1) return bad(m.sshMalformed(m.sigVersion(version)));
    const sig: Sshsig = {
      publicKey: r.bytes(),
      namespace: r.string(),
      reserved: r.bytes(),
      hashAlgorithm: r.string(),
      signature: r.bytes(),
    };
    r.end();
    return { ok: true, sig };
  } catch (error) {
    if (error instanceof WireError) return bad(m.sshMalformed(error.message));
    throw error;
  }
}

/**
 * Verifies an armored SSH signature over `payload` in `namespace` (git signs commits in `git`).
 * Says nothing about who may sign: the registry decides whether the returned key counts.
 *
 * @example verifySshsig(commit.signature, commit.signedPayload) // → { ok: true, key, namespace: 'git' }
 */
export function verifySshsig(armored: string, payload: Buffer, namespace = 'git'): SshsigResult {
  const parsed = parseSshsig(armored);
  if (!parsed.ok) return parsed;
  const { sig } = parsed;
  const keyResult = parseSshKeyBlob(sig.publicKey);
  if (!keyResult.ok) {
    return keyResult.reason === 'unsupported'
      ? { ok: false, reason: 'unsupported', message: keyResult.message }
      : bad(m.sshMalformed(keyResult.message));
  }
  const key = keyResult.key;
  if (sig.namespace !== namespace) return { ok: false, reason: 'wrong-namespace', message: m.sshWrongNamespace(sig.namespace), key };
  if (!HASHES.has(sig.hashAlgorithm)) return { ok: false, reason: 'unsupported', message: m.sshHashUnsupported(sig.hashAlgorithm), key };

  const signedData = Buffer.concat([
    MAGIC,
    sshString(sig.namespace),
    sshString(sig.reserved),
    sshString(sig.hashAlgorithm),
    sshString(createHash(sig.hashAlgorithm).update(payload).digest()),
  ]);
  const checked = checkSignature(key, sig.signature, signedData);
  if (checked === true) return { ok: true, key, namespace: sig.namespace };
  if (checked === false) return { ok: false, reason: 'bad-signature', message: m.sshBadSignature(key.fingerprint), key };
  return { ...checked, key };
}

type Check = true | false | { ok: false; reason: 'bad-signature' | 'unsupported'; message: string };

/** The inner signature: its format must fit the key, then node:crypto decides. */
function checkSignature(key: SshPublicKey, blob: Buffer, data: Buffer): Check {
  let format: string;
  let value: Buffer;
  try {
    const r = new SshWireReader(blob);
    format = r.string();
    value = r.bytes();
    r.end();
  } catch (error) {
    if (error instanceof WireError) return { ok: false, reason: 'bad-signature', message: m.sshMalformed(error.message) };
    throw error;
  }
  switch (key.type) {
    case 'ssh-ed25519':
      if (format !== 'ssh-ed25519') return mismatch(format, key);
      if (value.length !== 64) return { ok: false, reason: 'bad-signature', message: m.sshMalformed(m.sigValueLength(value.length, 64)) };
      return cryptoVerify(null, data, key.key, value);
    case 'ssh-rsa': {
      if (format === 'ssh-rsa') return { ok: false, reason: 'unsupported', message: m.sshSha1 };
      if (format !== 'rsa-sha2-256' && format !== 'rsa-sha2-512') return mismatch(format, key);
      // OpenSSH pads a short signature to the modulus length and refuses a longer one.
      const modBytes = Math.ceil((key.key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
      if (value.length > modBytes) return false;
      const padded = Buffer.concat([Buffer.alloc(modBytes - value.length), value]);
      return cryptoVerify(format === 'rsa-sha2-256' ? 'sha256' : 'sha512', data, key.key, padded);
    }
    default: {
      if (format !== key.type) return mismatch(format, key);
      const curve = ECDSA_CURVES[key.type.slice('ecdsa-sha2-'.length) as keyof typeof ECDSA_CURVES];
      let rs: Buffer;
      try {
        const r = new SshWireReader(value);
        const sigR = unsignedMpint(r.bytes());
        const sigS = unsignedMpint(r.bytes());
        r.end();
        if (sigR.length > curve.bytes || sigS.length > curve.bytes) return false;
        rs = Buffer.concat([Buffer.alloc(curve.bytes - sigR.length), sigR, Buffer.alloc(curve.bytes - sigS.length), sigS]);
      } catch (error) {
        if (error instanceof WireError) return { ok: false, reason: 'bad-signature', message: m.sshMalformed(error.message) };
        throw error;
      }
      return cryptoVerify(curve.hash, data, { key: key.key, dsaEncoding: 'ieee-p1363' }, rs);
    }
  }
}

function mismatch(format: string, key: SshPublicKey): Check {
  return { ok: false, reason: 'bad-signature', message: m.sshMalformed(m.sshSignatureTypeMismatch(format, key.type)) };
}

function bad(message: string): { ok: false; reason: 'bad-signature'; message: string } {
  return { ok: false, reason: 'bad-signature', message };
}
