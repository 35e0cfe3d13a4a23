/**
 * Sentences about approvals: reading approval blocks, identities, the trust root, the history
 * evidence and each verdict of the approval check. A verdict's message says what is wrong; its fix
 * names the command or edit that resolves it. The file is added by whoever prints the problem.
 */
const short = (oid: string): string => oid.slice(0, 12);

export const approvalMessages = {
  // identities
  identityInvisible: (identity: string) =>
    `the identity ${JSON.stringify(identity)} contains invisible or direction-changing characters (control, bidi or zero-width)`,
  identityNonAscii: (email: string) =>
    `the email ${JSON.stringify(email)} is not plain ASCII, so it could pass for a look-alike address`,
  identityPattern: (email: string) => `the email ${JSON.stringify(email)} is a pattern (it contains *, ?, ! or a comma), not one person`,
  identityBadEmail: (email: string) => `${JSON.stringify(email)} is not an email address of the form name@domain`,
  identityMixedScript: (name: string) =>
    `the name ${JSON.stringify(name)} mixes Latin letters with look-alike letters of another script in one word`,
  identityFix: 'write the identity in plain ASCII letters exactly as the approver is registered in .designrc.json',

  // the approval block
  blockNotMapping: 'the approval block must be a mapping with digest, by and at (and context)',
  blockUnknownKey: (key: string) => `the approval block has an unknown key '${key}' (allowed: digest, by, at, context)`,
  blockBadDigest: 'approval.digest must be sha256: followed by 64 lower-case hex digits',
  blockBadBy: 'approval.by must be a non-empty list of `Name <email>` entries',
  blockBadIdentity: (value: string) => `approval.by entry ${JSON.stringify(value)} is not of the form \`Name <email>\``,
  blockBadAt: 'approval.at must be a UTC timestamp such as 2026-11-20T10:00:00Z',
  blockBadContext: 'approval.context must be sha256: followed by 64 lower-case hex digits (the digest of the context entry)',

  // editing frontmatter
  editFailed: (file: string) => `${file}: the frontmatter could not be edited without changing other content, so nothing was written`,
  editFailedFix: (file: string) => `edit the status and approval lines of ${file} by hand, or report this with the file`,
  editFlowStyle: (file: string) => `${file}: the frontmatter is written as one flow mapping ({ … }), which cannot be edited line by line`,
  editFlowStyleFix: 'write the frontmatter as one `key: value` per line',

  // approve and unapprove
  notADesign: (path: string) => `${path} is not a design document: no "components" rule of its .designrc.json maps it as a design`,
  notADesignFix: 'give design documents (for example docs/design/x.md) or folders that hold them',
  noDesignsIn: (folder: string) => `${folder} holds no design documents`,
  noSuchDesign: (path: string) => `${path} does not exist in the work tree`,
  youAreNotApprover: (identity: string, path: string) =>
    `you (${identity}, from git config user.email) are not an approver in the .designrc.json that governs ${path}`,
  youAreNotApproverFix:
    'ask an approver to run it, or check `git config user.email` matches your entry in "approvers" of .designrc.json (changing approvers is itself an approved change)',
  designNotCommitted: (path: string) => `${path} is not committed: an approval covers committed content only`,
  designNotCommittedFix: (path: string) => `commit the design first (\`git commit -- ${path}\`), then approve it`,
  uncommittedContent: (path: string) =>
    `${path} has content changes that are not committed (in the work tree or the index); an approval covers committed content only`,
  alreadyApprovedByYou: 'already approved by you, as it stands',
  alreadyDraft: 'has no approval to withdraw',
  noGitUser: 'git does not know who you are: user.name or user.email is not set',
  noGitUserFix: 'run `git config user.name "Your Name"` and `git config user.email you@example.com`',
  noSigningKey: (format: string) => `signedApprovals is on, but git has no signing key configured (gpg.format ${format})`,
  noSigningKeyFix:
    'for an SSH key run `git config gpg.format ssh` and `git config user.signingkey ~/.ssh/id_ed25519.pub`; for OpenPGP run `git config user.signingkey <key id>`; then register the public key for you in .designrc.json',
  signingKeyMissing: (key: string) => `user.signingkey points to ${key}, which does not exist`,
  gitFailed: (command: string, detail: string) => `\`git ${command}\` failed: ${detail}`,
  gitFailedFix: 'run the git command yourself to see its full message',
  commitFailed: (detail: string) => `git commit failed, so the files were restored as they were: ${detail}`,
  commitFailedFix: 'fix what git reports (a signing key it cannot use, a hook that refused), then run the command again',

  // history
  historyFailed: (detail: string) => `git could not read the history: ${detail}`,
  historyFailedFix: 'run `git log` in the repository to see git\'s message; in CI fetch the whole history (`fetch-depth: 0`)',
  historyUnreadable: 'git printed history in an unexpected form',

  // the trust root
  trustRootMissing: (config: string, rev: string) => `${config} does not exist at the trusted revision ${short(rev)}`,
  trustRootMissingFix: (config: string) =>
    `commit ${config} to the protected branch first: approvers and their keys are only read from there`,
  trustRootNoHead: 'the repository has no commits yet, so no approver is registered in a committed .designrc.json',
  trustRootNoHeadFix: 'commit .designrc.json with its approvers first, then approve designs',
  trustRootInvalid: (config: string, rev: string) => `${config} at the trusted revision ${short(rev)} is not a valid configuration`,
  trustRootSignersMissing: (file: string, rev: string) => `the allowed signers file ${file} does not exist at the trusted revision ${short(rev)}`,
  trustRootSignersMissingFix: (file: string) => `commit ${file} to the protected branch, or remove "allowedSignersFile" from .designrc.json`,
  trustRootWildcard: (email: string) =>
    `approver ${JSON.stringify(email)} is a pattern, not one person: approvals need exact addresses`,
  trustRootUnsafeApprover: (detail: string) => `an approver in .designrc.json cannot be trusted: ${detail}`,
  trustRootDuplicateApprover: (email: string) => `approver ${email} is listed twice in .designrc.json`,
  trustRootFix: 'fix "approvers" in .designrc.json (one entry per person, exact ASCII emails) and have the change approved',
  trustRootChanged: (config: string, what: string, commit: string) =>
    `${config}: ${what} changed in ${short(commit)} without an approval verified against the previous trust root`,
  trustRootChangedFix: (config: string) =>
    `have an approver of the protected branch commit the change to ${config} with \`git commit -S --trailer "Approved-by: Name <email>"\``,

  // verdicts of the approval check
  stale: (recorded: string, actual: string) =>
    `stale: the design changed since it was approved (digest ${actual.slice(0, 19)}… ≠ recorded ${recorded.slice(0, 19)}…)`,
  approveFix: (design: string) => `run \`designgate approve ${design}\` (an approver for this path)`,
  statusWithoutApproval: 'status says approved, but the design has no approval block',
  statusFix: (design: string) => `set \`status: draft\` in ${design}, or run \`designgate approve ${design}\``,
  malformed: (detail: string) => `the approval block cannot be read: ${detail}`,
  malformedFix: (design: string) => `run \`designgate approve ${design}\` to rewrite the approval block`,
  unsafeIdentity: (detail: string) => `refused identity in approval.by: ${detail}`,
  noTrustRoot: (detail: string) => `approvals cannot be verified: ${detail}`,
  notApprover: (email: string, config: string) => `${email} is not an approver in ${config} at the trusted revision`,
  notApproverFix: (config: string) => `ask an approver listed in ${config} to run \`designgate approve\`, or get the approvers list changed (an approved change)`,
  notApproverForPath: (email: string, design: string) => `${email} is an approver, but not for ${design} (their "paths" do not cover it)`,
  notCommitted: (email: string) => `the approval by ${email} is not committed yet`,
  notCommittedFix: (design: string) =>
    `commit the approval on its own first (\`designgate approve ${design}\`); code is committed after its design is approved`,
  noEvidence: (email: string) => `no commit in this history added ${email} to this approval, so it is not backed by a signed approval commit`,
  noEvidenceShallow: (email: string) =>
    `no commit in this shallow history added ${email} to this approval; the evidence may be older than the clone`,
  noEvidenceShallowFix: 'fetch the whole history (`git fetch --unshallow`; `fetch-depth: 0` in CI), then check again',
  withdrawn: (email: string, commit: string) => `the approval by ${email} was withdrawn in ${short(commit)} and put back without a new approval commit`,
  missingTrailer: (email: string, commit: string) =>
    `commit ${short(commit)} added ${email} to the approval but has no \`Approved-by:\` trailer for ${email}`,
  missingTrailerFix: (design: string) =>
    `approve with \`designgate approve ${design}\` (it adds the trailer); a trailer must be in the last paragraph of the message. If a squash merge dropped the approval commit, merge with a merge commit or rebase instead`,
  unsigned: (commit: string) => `approval commit ${short(commit)} is not signed, and signedApprovals is on`,
  signatureFix: (design: string) =>
    `re-approve with a signing key registered for you: configure \`git config user.signingkey <key>\` (and \`git config gpg.format ssh\` for an SSH key), then run \`designgate approve ${design}\``,
  badSignature: (commit: string, detail: string) => `the signature of approval commit ${short(commit)} does not verify: ${detail}`,
  unknownKey: (commit: string, email: string, config: string) =>
    `approval commit ${short(commit)} is signed by a key that the trusted ${config} does not register for ${email}`,
  unknownKeyFix: (email: string, config: string) =>
    `register the key for ${email} in ${config} on the protected branch (itself an approved change), or re-approve signed with a key registered there`,
  wrongSigner: (commit: string, signer: string, email: string) =>
    `approval commit ${short(commit)} is signed by ${signer}, not by the approver ${email}`,
  wrongSignerFix: (email: string, design: string) => `${email} must approve it with their own key: \`designgate approve ${design}\``,
  keyExpired: (commit: string, detail: string) => `the key that signed approval commit ${short(commit)} is not valid now: ${detail}`,
  keyRevoked: (commit: string) => `the key that signed approval commit ${short(commit)} is revoked`,
  wrongNamespace: (commit: string) => `the signature of approval commit ${short(commit)} was not made for git commits (wrong namespace)`,
  unsupportedSignature: (commit: string, detail: string) => `the signature of approval commit ${short(commit)} cannot be verified: ${detail}`,
  changesContent: (commit: string, path: string) =>
    `approval commit ${short(commit)} also changes ${path}; an approval commit may change approval blocks only`,
  changesContentFix: (design: string) =>
    `commit the content first, then approve it on its own with \`designgate approve ${design}\``,
  selfApproval: (email: string, commit: string) => `self-approval: ${email} wrote content of this design in ${short(commit)}`,
  selfApprovalFix: (design: string) => `ask another approver to run \`designgate approve ${design}\``,
  tooFew: (have: number, need: number) => `${have}/${need} approvals: ${need} distinct approvers must approve this design`,
  tooFewFix: (design: string, need: number) => `ask ${need === 1 ? 'an approver' : 'more approvers'} to run \`designgate approve ${design}\``,
  unsignedAttestation: (config: string) =>
    `signedApprovals is off in ${config}: approvals are unsigned attestations that anyone can type`,
  unsignedAttestationFix: (config: string) => `set "signedApprovals": true in ${config} and register each approver's key`,
} as const;
