/**
 * OpenSSH public keys: the wire format (RFC 4253 §6.6, RFC 5656, RFC 8709) read into a node
 * `KeyObject` through JWK, plus the `SHA256:` fingerprint that ssh-keygen prints. No library
 * parses these for us without also pulling in a crypto stack; node:crypto already verifies
 * Ed25519, RSA and ECDSA, so only the framing is ours.
 */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { signatureMessages as m } from '../messages/signatures.js';

export type SshKeyType = 'ssh-ed25519' | 'ssh-rsa' | 'ecdsa-sha2-nistp256' | 'ecdsa-sha2-nistp384' | 'ecdsa-sha2-nistp521';

export interface SshPublicKey {
  type: SshKeyType;
  /** The wire encoding: what a signature embeds, what registry lookups compare. */
  blob: Buffer;
  key: KeyObject;
  /** `SHA256:` + unpadded base64 of SHA-256(blob), as `ssh-keygen -l` prints. */
  fingerprint: string;
  /** For ECDSA, the byte length of r and s; 0 otherwise. */
  fieldBytes: number;
}

export type SshKeyResult =
  | { ok: true; key: SshPublicKey }
  | { ok: false; reason: 'malformed' | 'unsupported'; message: string };

/** ECDSA curves by their OpenSSH name: JWK curve, field size, the hash the signature uses. */
export const ECDSA_CURVES = {
  nistp256: { crv: 'P-256', bytes: 32, hash: 'sha256' },
  nistp384: { crv: 'P-384', bytes: 48, hash: 'sha384' },
  nistp521: { crv: 'P-521', bytes: 66, hash: 'sha512' },
} as const;

const RSA_MIN_BITS = 1024;

/** Reads the length-prefixed fields of the SSH wire format; throws `WireError` past the end. */
export class SshWireReader {
  private offset = 0;
  constructor(private readonly buf: Buffer) {}

  uint32(): number {
    if (this.offset + 4 > this.buf.length) throw new WireError(m.keyTruncated);
    const v = this.buf.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  bytes(): Buffer {
    const len = this.uint32();
    if (this.offset + len > this.buf.length) throw new WireError(m.keyTruncated);
    const out = this.buf.subarray(this.offset, this.offset + len);
    this.offset += len;
    return out;
  }

  string(): string {
    return this.bytes().toString('latin1');
  }

  raw(len: number): Buffer {
    if (this.offset + len > this.buf.length) throw new WireError(m.keyTruncated);
    const out = this.buf.subarray(this.offset, this.offset + len);
    this.offset += len;
    return out;
  }

  /** Throws unless every byte was read: OpenSSH refuses trailing data, and so do we. */
  end(): void {
    if (this.offset !== this.buf.length) throw new WireError(m.keyTrailingData);
  }
}

/** A framing error inside SSH wire data; its message is a user-facing clause. */
export class WireError extends Error {}

/** `string` in the SSH wire format: uint32 length, then the bytes. */
export function sshString(data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}

/** Strict base64: the alphabet, correct padding, and a round trip (Buffer.from ignores junk). */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const buf = Buffer.from(text, 'base64');
  return buf.toString('base64') === text ? buf : undefined;
}

/** `SHA256:` fingerprint of a wire-format key, identical to `ssh-keygen -l -E sha256`. */
export function sshFingerprint(blob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

/** True for a key type name that an OpenSSH line or blob may start with (supported or not). */
export function isSshKeyTypeName(word: string): boolean {
  return /^(ssh-|ecdsa-|sk-|rsa-sha2-)/.test(word) || word.endsWith('@openssh.com');
}

/**
 * Reads a wire-format public key. Certificates and FIDO (`sk-*`) keys are 'unsupported': their
 * signatures carry more than the key proves (a CA's say-so, a touch counter).
 */
export function parseSshKeyBlob(blob: Buffer): SshKeyResult {
  let type: string;
  try {
    type = new SshWireReader(blob).string();
  } catch (error) {
    return malformed(error);
  }
  const unsupported = unsupportedType(type);
  if (unsupported !== undefined) return { ok: false, reason: 'unsupported', message: unsupported };
  try {
    const r = new SshWireReader(blob);
    r.string();
    const built = readKeyFields(type as SshKeyType, r);
    if (!built.ok) return built;
    r.end();
    const key: SshPublicKey = {
      type: type as SshKeyType,
      blob: Buffer.from(blob),
      key: built.key,
      fingerprint: sshFingerprint(blob),
      fieldBytes: built.fieldBytes,
    };
    return { ok: true, key };
  } catch (error) {
    return malformed(error);
  }
}

/**
 * Reads an OpenSSH public key line, `keytype base64 [comment]` (as in `id_ed25519.pub` and
 * `approvers[].keys`). The type written on the line must be the type inside the data.
 *
 * @example parseSshPublicKey('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI… jane@laptop')
 */
export function parseSshPublicKey(line: string): SshKeyResult {
  const [type, data] = line.trim().split(/[ \t]+/);
  if (type === undefined || type === '') return { ok: false, reason: 'malformed', message: m.keyMissingData };
  if (data === undefined) return { ok: false, reason: 'malformed', message: m.keyMissingData };
  const blob = decodeBase64Strict(data);
  if (blob === undefined) return { ok: false, reason: 'malformed', message: m.keyBase64 };
  const parsed = parseSshKeyBlob(blob);
  if (!parsed.ok) return parsed;
  if (parsed.key.type !== type) return { ok: false, reason: 'malformed', message: m.keyTypeMismatch(type, parsed.key.type) };
  return parsed;
}

function unsupportedType(type: string): string | undefined {
  if (type.includes('-cert-v0')) return m.keyCertificate(type);
  if (type.startsWith('sk-')) return m.keySecurityKey(type);
  if (type === 'ssh-ed25519' || type === 'ssh-rsa' || type.startsWith('ecdsa-sha2-nistp')) {
    return type.startsWith('ecdsa-sha2-') && !(type.slice('ecdsa-sha2-'.length) in ECDSA_CURVES)
      ? m.keyTypeUnsupported(type)
      : undefined;
  }
  return m.keyTypeUnsupported(type);
}

type Fields = { ok: true; key: KeyObject; fieldBytes: number } | { ok: false; reason: 'malformed' | 'unsupported'; message: string };

function readKeyFields(type: SshKeyType, r: SshWireReader): Fields {
  if (type === 'ssh-ed25519') {
    const pk = r.bytes();
    if (pk.length !== 32) return { ok: false, reason: 'malformed', message: m.keyInvalid('an Ed25519 key has 32 bytes') };
    return jwk({ kty: 'OKP', crv: 'Ed25519', x: b64url(pk) }, 0);
  }
  if (type === 'ssh-rsa') {
    const e = unsignedMpint(r.bytes());
    const n = unsignedMpint(r.bytes());
    const bits = n.length === 0 ? 0 : (n.length - 1) * 8 + (32 - Math.clz32(n[0] as number));
    if (bits < RSA_MIN_BITS) return { ok: false, reason: 'unsupported', message: m.keyRsaTooSmall(bits) };
    return jwk({ kty: 'RSA', n: b64url(n), e: b64url(e) }, 0);
  }
  const curveName = type.slice('ecdsa-sha2-'.length) as keyof typeof ECDSA_CURVES;
  const curve = ECDSA_CURVES[curveName];
  if (r.string() !== curveName) return { ok: false, reason: 'malformed', message: m.keyInvalid('the curve name does not match the key type') };
  const q = r.bytes();
  if (q.length !== 1 + 2 * curve.bytes || q[0] !== 4) {
    return { ok: false, reason: 'malformed', message: m.keyInvalid('the curve point is not an uncompressed point of that curve') };
  }
  const x = q.subarray(1, 1 + curve.bytes);
  const y = q.subarray(1 + curve.bytes);
  return jwk({ kty: 'EC', crv: curve.crv, x: b64url(x), y: b64url(y) }, curve.bytes);
}

function jwk(key: Record<string, string>, fieldBytes: number): Fields {
  try {
    return { ok: true, key: createPublicKey({ key, format: 'jwk' }), fieldBytes };
  } catch (error) {
    return { ok: false, reason: 'malformed', message: m.keyInvalid(error instanceof Error ? error.message : String(error)) };
  }
}

/**
 * An mpint's magnitude without leading zero bytes (JWK wants the minimal big-endian form). A set
 * top bit means a negative number, which no key or signature holds: OpenSSH refuses it too.
 */
export function unsignedMpint(buf: Buffer): Buffer {
  if (buf.length > 0 && ((buf[0] as number) & 0x80) !== 0) throw new WireError(m.keyInvalid('a negative number'));
  let i = 0;
  while (i < buf.length && buf[i] === 0) i++;
  return buf.subarray(i);
}

function b64url(buf: Buffer): string {
  return buf.toString('base64url');
}

function malformed(error: unknown): SshKeyResult {
  if (error instanceof WireError) return { ok: false, reason: 'malformed', message: error.message };
  throw error;
}
