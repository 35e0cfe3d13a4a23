/**
 * A change to the trust root must itself be approved by the old root (reliability R1, git's caveat
 * for in-repository allowed-signers files): when the approvers, their keys, the allowed-signers
 * file, `requiredApprovals`, the signing or self-approval switches, the approval gate or the
 * `ignore` globs differ between the base and the head of a range, some commit in the range that
 * leaves them exactly as they are at the head must carry an `Approved-by` trailer of an approver
 * of the base, signed by that approver's key registered at the base, and not authored by them
 * (unless the base allows self-approval).
 */
import { canonicalJson } from '../canonical-json.js';
import type { GitAdapter } from '../git/types.js';
import type { Problem } from '../problem.js';
import { parseIdentity, trailerValues } from '../trailers.js';
import { verifyCommitSignature } from '../signatures/verify.js';
import { approvalMessages as m } from '../messages/approval.js';
import { commitsTouching, type GitContext } from './history.js';
import { sameEmail, unsafeIdentity } from './identity.js';
import { isTrustRoot, loadTrustRoot, type TrustRoot } from './trust-root.js';

export interface TrustRootChangeOptions {
  ctx: GitContext;
  git: GitAdapter;
  /** The trusted base commit and the head of the range (full ids). */
  base: string;
  head: string;
  /** Repository-relative path of the `.designrc.json`. */
  configPath: string;
  now: Date;
  revokedKeys?: readonly string[];
}

const TRUST_KEYS = ['approvers', 'allowedSignersFile', 'requiredApprovals', 'signedApprovals', 'allowSelfApproval', 'ignore'] as const;

/** The trust fields of the config at a revision, as comparable text per field. */
async function trustFields(git: GitAdapter, rev: string, configPath: string): Promise<Map<string, string>> {
  const fields = new Map<string, string>();
  const text = (await git.readAt(rev, configPath))?.toString('utf8');
  let raw: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = text === undefined ? undefined : JSON.parse(text);
    raw = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    raw = undefined;
  }
  if (raw === undefined) {
    fields.set('.designrc.json', text ?? '');
    return fields;
  }
  for (const key of TRUST_KEYS) fields.set(key, raw[key] === undefined ? '' : safeCanonical(raw[key]));
  const gates = raw['gates'];
  fields.set('gates.approval', gates !== null && typeof gates === 'object' ? safeCanonical((gates as Record<string, unknown>)['approval'] ?? null) : '');
  const signers = typeof raw['allowedSignersFile'] === 'string' ? folderOf(configPath) + raw['allowedSignersFile'].replace(/^\.\//, '') : undefined;
  fields.set('allowed signers', signers === undefined ? '' : ((await git.readAt(rev, signers))?.toString('utf8') ?? ''));
  return fields;
}

function safeCanonical(value: unknown): string {
  try {
    return canonicalJson(value);
  } catch {
    return JSON.stringify(value) ?? '';
  }
}

function folderOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
}

function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k));
}

/** Whether an approver of the base root approved `commit` (trailer, signature, not its author). */
export async function approvedByBase(git: GitAdapter, base: TrustRoot, commit: string, now: Date): Promise<boolean> {
  const info = await git.readCommit(commit);
  for (const value of trailerValues(info.message, 'Approved-by')) {
    const identity = parseIdentity(value);
    if (identity === undefined || unsafeIdentity(identity) !== undefined) continue;
    const approver = base.approver(identity.email);
    if (approver === undefined) continue;
    if (!base.config.allowSelfApproval && sameEmail(info.author.email, approver.email)) continue;
    if (!base.config.signedApprovals) return true;
    const verdict = await verifyCommitSignature({ signature: info.signature, payload: info.signedPayload, email: approver.email, registry: base.registry, now });
    if (verdict.ok) return true;
  }
  return false;
}

export interface RangeApprovalOptions {
  ctx: GitContext;
  git: GitAdapter;
  /** The base's trust root: whose approvers count. */
  root: TrustRoot;
  base: string;
  head: string;
  /** The paths whose commits may carry the approval. */
  paths: readonly string[];
  /** Whether a commit already leaves the protected thing as the head has it (an approval of an earlier state does not count). */
  settles: (commit: string) => Promise<boolean>;
  now: Date;
}

/**
 * The one rule for approving a change to what the gates trust (the trust root here, the adoption
 * baseline in core/baseline/growth.ts): some non-merge commit of the range that touches `paths`,
 * already leaves things as the head has them, and is approved by an approver of the base root.
 * Returns whether one was found, and the commits that touch `paths`, newest first (for the message).
 * @example await approvedInRange({ ctx, git, root, base, head, paths: ['.designrc.json'], settles, now })
 */
export async function approvedInRange(options: RangeApprovalOptions): Promise<{ approved: boolean; commits: string[] }> {
  const commits = await commitsTouching(options.ctx, options.base, options.head, options.paths);
  for (const commit of commits) {
    if (!(await options.settles(commit))) continue;
    if (await approvedByBase(options.git, options.root, commit, options.now)) return { approved: true, commits };
  }
  return { approved: false, commits };
}

/**
 * Problems (at most one) when the trust root changed between `base` and `head` without an approval
 * by the base's approvers. A base without a config has no root to protect: nothing to check.
 * @example await checkTrustRootChange({ ctx, git, base, head, configPath: '.designrc.json', now: new Date() })
 */
export async function checkTrustRootChange(options: TrustRootChangeOptions): Promise<Problem[]> {
  const { git, base, head, configPath, now } = options;
  const root = await loadTrustRoot({ git, rev: base, configPath, ...(options.revokedKeys === undefined ? {} : { revokedKeys: options.revokedKeys }) });
  if (!isTrustRoot(root)) return [];
  const [before, after] = await Promise.all([trustFields(git, base, configPath), trustFields(git, head, configPath)]);
  const changed = differences(before, after);
  if (changed.length === 0) return [];
  const signerPaths = [before, after]
    .map((f) => f.get('allowedSignersFile'))
    .filter((v): v is string => v !== undefined && v !== '')
    .map((v) => folderOf(configPath) + String(JSON.parse(v)).replace(/^\.\//, ''));
  const { approved, commits } = await approvedInRange({
    ctx: options.ctx,
    git,
    root,
    base,
    head,
    paths: [configPath, ...signerPaths],
    settles: async (commit) => differences(await trustFields(git, commit, configPath), after).length === 0,
    now,
  });
  if (approved) return [];
  return [
    {
      file: configPath,
      ruleId: 'trust-root-unapproved',
      severity: 'error',
      message: m.trustRootChanged(configPath, changed.join(', '), commits[0] ?? head),
      fix: m.trustRootChangedFix(configPath),
    },
  ];
}
