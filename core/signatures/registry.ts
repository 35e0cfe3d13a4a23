/**
 * The key registry: which signing keys speak for which approver. Built once per trust root from
 * the config's `approvers[].keys` (OpenSSH lines or armored OpenPGP keys) and an optional
 * allowed-signers file, so verifying a signature is a map lookup. A key bound to two approvers is
 * a config error (reliability A7): a signature must name one person.
 */
import { DesignGateError, type Cause } from '../errors.js';
import { signatureMessages as m } from '../messages/signatures.js';
import { parseAllowedSigners } from './allowed-signers.js';
import { isArmoredPgpKey, readPgpKeys, type RegisteredPgpKey } from './openpgp.js';
import { decodeBase64Strict, parseSshPublicKey, sshFingerprint, type SshPublicKey } from './ssh-key.js';

/** One reason a key speaks for someone: a config entry or an allowed-signers line. */
export interface SshBinding {
  /** `.designrc.json approvers[0].keys[1]` or `.designgate/allowed_signers:3`. */
  source: string;
  /** The principals pattern-list as written (for config keys: the approver's email). */
  principals: string;
  /** Principals that name one identity literally; only these count for approvals. */
  literalPrincipals: readonly string[];
  namespaces?: string;
  validAfter?: Date;
  validBefore?: Date;
}

export interface RegisteredSshKey {
  key: SshPublicKey;
  bindings: SshBinding[];
}

export interface KeyRegistry {
  /** SSH keys by the base64 of their wire encoding. */
  readonly ssh: ReadonlyMap<string, RegisteredSshKey>;
  readonly openpgp: readonly RegisteredPgpKey[];
  /** Revoked keys: SSH wire base64, `SHA256:` fingerprints, lower-case OpenPGP fingerprints. */
  readonly revoked: ReadonlySet<string>;
  /** Lines kept out of the registry that ssh-keygen would accept (cert-authority, FIDO keys). */
  readonly warnings: readonly Cause[];
}

export interface KeyRegistryInput {
  approvers: ReadonlyArray<{ name: string; email: string; keys: readonly string[] }>;
  allowedSigners?: { text: string; file: string };
  /** OpenSSH public key lines, `SHA256:` fingerprints or OpenPGP fingerprints. */
  revokedKeys?: readonly string[];
  /** How errors name the config file; default `.designrc.json`. */
  configFile?: string;
}

/**
 * Builds the registry; throws `DesignGateError('CONFIG')` listing every unreadable key, every
 * malformed allowed-signers line and every key registered to two approvers.
 *
 * @example const registry = await buildKeyRegistry({ approvers: config.approvers, allowedSigners: { text, file } })
 */
export async function buildKeyRegistry(input: KeyRegistryInput): Promise<KeyRegistry> {
  const configFile = input.configFile ?? '.designrc.json';
  const errors: Cause[] = [];
  const warnings: Cause[] = [];
  const ssh = new Map<string, RegisteredSshKey>();
  const openpgp: RegisteredPgpKey[] = [];
  const bind = (key: SshPublicKey, binding: SshBinding): void => {
    const id = key.blob.toString('base64');
    const entry = ssh.get(id) ?? { key, bindings: [] };
    entry.bindings.push(binding);
    ssh.set(id, entry);
  };

  for (const [i, approver] of input.approvers.entries()) {
    for (const [j, text] of approver.keys.entries()) {
      const source = `${configFile} approvers[${i}].keys[${j}]`;
      if (isArmoredPgpKey(text)) {
        const read = await readPgpKeys(text);
        if (!read.ok) errors.push({ file: configFile, message: `${source}: ${m.configKeyUnreadable(approver.email, read.message)}` });
        else for (const pgp of read.keys) openpgp.push({ pgp, email: approver.email, source });
        continue;
      }
      const first = text.trim().split(/\s+/, 1)[0] ?? '';
      if (!/^(ssh-|ecdsa-|sk-)/.test(first)) {
        errors.push({ file: configFile, message: `${source}: ${m.configKeyUnknownFormat(approver.email)}` });
        continue;
      }
      const parsed = parseSshPublicKey(text);
      if (!parsed.ok) {
        errors.push({ file: configFile, message: `${source}: ${m.configKeyUnreadable(approver.email, parsed.message)}` });
        continue;
      }
      bind(parsed.key, { source, principals: approver.email, literalPrincipals: [approver.email] });
    }
  }

  if (input.allowedSigners !== undefined) {
    const { file, text } = input.allowedSigners;
    const parsed = parseAllowedSigners(text, file);
    errors.push(...parsed.errors);
    warnings.push(...parsed.warnings);
    for (const s of parsed.signers) {
      const binding: SshBinding = { source: `${file}:${s.line}`, principals: s.principals, literalPrincipals: s.literalPrincipals };
      if (s.namespaces !== undefined) binding.namespaces = s.namespaces;
      if (s.validAfter !== undefined) binding.validAfter = s.validAfter;
      if (s.validBefore !== undefined) binding.validBefore = s.validBefore;
      bind(s.key, binding);
    }
  }

  const revoked = new Set<string>();
  for (const entry of input.revokedKeys ?? []) {
    const id = revocationId(entry);
    if (id === undefined) errors.push({ file: configFile, message: m.revokedEntryUnreadable(entry) });
    else revoked.add(id);
  }

  errors.push(...ambiguities(input.approvers, ssh, openpgp, configFile));
  if (errors.length > 0) {
    const signersFile = input.allowedSigners?.file;
    const onlySigners = signersFile !== undefined && errors.every((e) => e.file === signersFile);
    throw new DesignGateError('CONFIG', m.registryInvalid, {
      causes: errors,
      fix: onlySigners ? m.signersFix(signersFile) : m.registryFix(configFile),
    });
  }
  return { ssh, openpgp, revoked, warnings };
}

/** Fingerprints of every key that may sign for `email` (SSH `SHA256:…`, OpenPGP hex), for `approve` and `doctor`. */
export function fingerprintsFor(registry: KeyRegistry, email: string): string[] {
  const out: string[] = [];
  for (const { key, bindings } of registry.ssh.values()) {
    if (bindings.some((b) => b.literalPrincipals.includes(email))) out.push(key.fingerprint);
  }
  for (const k of registry.openpgp) if (k.email === email) out.push(k.pgp.fingerprint);
  return [...new Set(out)];
}

/** A revocation entry as the id the registry compares; undefined when unreadable. */
function revocationId(entry: string): string | undefined {
  const text = entry.trim();
  if (/^SHA256:[A-Za-z0-9+/]{43}$/.test(text)) return text;
  const hex = text.replace(/\s+/g, '').toLowerCase();
  if (/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(hex)) return hex;
  const parsed = parseSshPublicKey(text);
  if (parsed.ok) return parsed.key.blob.toString('base64');
  // An unsupported SSH key can still be revoked (by its fingerprint, since it never verifies).
  const data = text.split(/\s+/)[1];
  const blob = data === undefined ? undefined : decodeBase64Strict(data);
  return blob === undefined ? undefined : sshFingerprint(blob);
}

/** Keys whose literal principals or registrations name two or more approvers (compared case-insensitively). */
function ambiguities(
  approvers: KeyRegistryInput['approvers'],
  ssh: ReadonlyMap<string, RegisteredSshKey>,
  openpgp: readonly RegisteredPgpKey[],
  configFile: string,
): Cause[] {
  const approverEmails = new Set(approvers.map((a) => a.email.toLowerCase()));
  const out: Cause[] = [];
  for (const { key, bindings } of ssh.values()) {
    const emails = new Set(bindings.flatMap((b) => b.literalPrincipals.map((p) => p.toLowerCase())).filter((p) => approverEmails.has(p)));
    if (emails.size > 1) out.push({ file: configFile, message: m.ambiguousKey(m.sshKeyName(key.fingerprint), [...emails].sort()) });
  }
  const byFingerprint = new Map<string, Set<string>>();
  for (const k of openpgp) {
    const set = byFingerprint.get(k.pgp.fingerprint) ?? new Set<string>();
    set.add(k.email.toLowerCase());
    byFingerprint.set(k.pgp.fingerprint, set);
  }
  for (const [fingerprint, emails] of byFingerprint) {
    if (emails.size > 1) out.push({ file: configFile, message: m.ambiguousKey(m.pgpKeyName(fingerprint), [...emails].sort()) });
  }
  return out;
}
