/**
 * Sentences about commit signatures and signing keys: the `message` of each signature verdict,
 * the config errors of a key registry and its warnings. Verdict messages are clauses (lower case,
 * no final period) because the approval check embeds them in its own sentence, e.g. "approval
 * commit 1a2b… is signed by <message>, not by the approver jane@example.com".
 */
const when = (d: Date): string => d.toISOString().replace('.000Z', 'Z');

export const signatureMessages = {
  // verdicts
  unsigned: 'the commit has no signature',
  unknownFormat: 'the signature is neither an SSH signature nor an OpenPGP signature (X.509 signatures are not supported)',
  sshMalformed: (detail: string) => `the SSH signature is malformed: ${detail}`,
  sshBadSignature: (fingerprint: string) =>
    `the SSH signature by key ${fingerprint} does not match the commit (the commit was changed after signing, or the signature was made over other data)`,
  sshWrongNamespace: (namespace: string) => `the SSH signature was made for the namespace "${namespace}", not "git" (ssh-keygen -Y sign -n git)`,
  sshHashUnsupported: (hash: string) => `the SSH signature hashes with "${hash}"; only sha256 and sha512 are accepted`,
  sshSha1: 'the RSA signature uses SHA-1 (ssh-rsa); only rsa-sha2-256 and rsa-sha2-512 signatures are accepted',
  sshSignatureTypeMismatch: (sigType: string, keyType: string) => `a ${sigType} signature cannot come from a ${keyType} key`,
  unknownKey: (what: string) => `${what}, which is not registered for any approver`,
  sshKeyName: (fingerprint: string) => `SSH key ${fingerprint}`,
  pgpKeyName: (fingerprint: string) => `OpenPGP key ${fingerprint}`,
  registeredTo: (what: string, emails: readonly string[]) => `${what} (registered to ${emails.join(', ')})`,
  wildcardOnly: (what: string, email: string, source: string, patterns: string) =>
    `${what}, whose line ${source} matches ${email} only through the pattern "${patterns}" (an approval needs the literal email as a principal)`,
  pgpUserIdMissing: (what: string, email: string) => `${what}, whose user IDs do not include ${email}`,
  namespaceNotAllowed: (what: string, source: string, namespaces: string) =>
    `${what} may sign only in the namespaces "${namespaces}" (${source}), which exclude "git"`,
  expiredUntil: (what: string, until: Date, source: string) => `${what} was valid only until ${when(until)} (${source})`,
  notYetValidFrom: (what: string, from: Date, source: string) => `${what} is valid only from ${when(from)} (${source})`,
  pgpExpired: (what: string, at: Date | undefined) =>
    at === undefined ? `${what} has expired` : `${what} expired at ${when(at)}`,
  pgpNotYetValid: (what: string, from: Date) => `${what} was created at ${when(from)}, after the time of the check`,
  pgpSignedInFuture: (what: string) => `the OpenPGP signature by ${what} is dated in the future`,
  revoked: (what: string) => `${what} is revoked`,
  pgpMalformed: (detail: string) => `the OpenPGP signature cannot be read: ${detail}`,
  pgpNoIssuer: 'the OpenPGP signature names no issuing key',
  pgpBadSignature: (what: string, detail: string) => `the OpenPGP signature by ${what} does not verify: ${detail}`,

  // key parsing (details inside the messages above and below)
  keyBase64: 'the key data is not valid base64',
  keyTruncated: 'the key data ends early',
  keyTrailingData: 'the key data has bytes after its last field',
  keyTypeMismatch: (written: string, inside: string) => `the line says ${written} but the key data is ${inside}`,
  keyTypeUnsupported: (type: string) => `the key type ${type} is not supported (use ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp256/384/521)`,
  keySecurityKey: (type: string) => `${type} is a FIDO security key, whose signatures are not supported`,
  keyCertificate: (type: string) => `${type} is an SSH certificate, which is not supported (register the plain public key)`,
  keyRsaTooSmall: (bits: number) => `the RSA key has ${bits} bits; at least 1024 are required (OpenSSH's minimum)`,
  keyInvalid: (detail: string) => `the key is not a valid public key (${detail})`,
  keyMissingData: 'the line has a key type but no key data',
  sigArmor: 'it does not start with -----BEGIN SSH SIGNATURE----- and end with -----END SSH SIGNATURE-----',
  sigMagic: 'the data does not start with SSHSIG',
  sigVersion: (version: number) => `signature format version ${version} is not supported (only 1)`,
  sigValueLength: (got: number, want: number) => `the signature value has ${got} bytes where ${want} are expected`,

  // registry (config errors and warnings)
  registryInvalid: 'the approvers\' keys cannot be read',
  registryFix: (file: string) => `correct the listed keys in ${file}; each must be an OpenSSH public key line or an armored OpenPGP public key`,
  configKeyUnreadable: (approver: string, detail: string) => `a key of approver ${approver} cannot be read: ${detail}`,
  configKeyUnknownFormat: (approver: string) =>
    `a key of approver ${approver} is neither an OpenSSH public key ("ssh-ed25519 AAAA…") nor an armored OpenPGP public key`,
  ambiguousKey: (what: string, emails: readonly string[]) =>
    `${what} is registered to several approvers (${emails.join(', ')}); one key must belong to one person`,
  revokedEntryUnreadable: (entry: string) =>
    `the revoked key ${JSON.stringify(entry.slice(0, 60))} is neither an OpenSSH public key line, a SHA256: fingerprint nor an OpenPGP fingerprint`,
  signersLineNoKey: 'the line has principals but no key',
  signersLineBadKey: (detail: string) => `the key cannot be read: ${detail}`,
  signersUnclosedQuote: 'the quoted principals have no closing quote',
  signersEmptyPrincipals: 'the principals are empty',
  signersBadOption: (detail: string) => `bad options: ${detail}`,
  optionUnknown: (option: string) => `unsupported option "${option}"`,
  optionNoQuote: (option: string) => `the value of ${option} must be in double quotes`,
  optionNoEndQuote: (option: string) => `the value of ${option} has no closing quote`,
  optionTwice: (option: string) => `${option} is given twice`,
  optionBadTime: (option: string, value: string) => `${option}="${value}" is not a time of the form YYYYMMDD[HHMM[SS]][Z]`,
  optionWindowEmpty: 'valid-before is not after valid-after',
  optionTrailingComma: 'the options end with a comma',
  certAuthorityIgnored:
    'cert-authority lines are not supported: SSH certificates cannot sign approvals, so this line is ignored',
  signersUnsupportedKeyIgnored: (detail: string) => `${detail}; this line is ignored`,
  signersFix: (file: string) =>
    `correct ${file}: each line is \`principals [options] keytype base64-key\` as in ssh-keygen(1) ALLOWED SIGNERS`,
};
