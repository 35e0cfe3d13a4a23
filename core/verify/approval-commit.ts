/**
 * The rules for one commit that adds or changes approvals (PRODUCT.md "Approval"; reliability R11):
 * it changes approval blocks only (no design content, no other file), carries an `Approved-by`
 * trailer for every approver it adds, and is committed by that approver (whose key then signs it).
 * A trailer that approves nothing is reported too: it claims an approval the commit does not make.
 * The commit-msg hook runs this on the staged commit; verify runs it on every commit of a range.
 */
import type { GateLevel } from '../config/types.js';
import { factsOf, type BlobFacts } from '../approval/evidence.js';
import { readApprovalBlock } from '../approval/block.js';
import { tryReadFrontmatter } from '../frontmatter.js';
import { sameEmail } from '../approval/identity.js';
import { hookMessages as m } from '../messages/hooks.js';
import type { Problem } from '../problem.js';
import { parseIdentity, trailerValues } from '../trailers.js';
import { severityOf } from './snapshot.js';

/** A design document (or architecture) the commit changes: its text before and after (undefined: absent). */
export interface DesignEdit {
  path: string;
  before: string | undefined;
  after: string | undefined;
  /** `gates.approval` of the config governing it. */
  gate: GateLevel;
}

export interface ApprovalCommitInput {
  message: string;
  /** Where the message is, for problems about the message itself (the message file, or `commit <oid>`). */
  messageFile: string;
  /** The committer's email; undefined when unknown (the check is then skipped). */
  committerEmail: string | undefined;
  designEdits: readonly DesignEdit[];
  /** Every other path the commit changes. */
  otherPaths: readonly string[];
  /** `gates.approval` for problems of the message itself (trailers that approve nothing). */
  messageGate: GateLevel;
  /**
   * Approvers the previous commit added, for a commit that may be its amend (`git commit --amend`
   * to add a forgotten trailer): git does not tell commit-msg it is amending, and the staged set
   * is then compared with the very commit being replaced. Their trailers do not "approve nothing".
   */
  amendable?: readonly string[];
}

interface Added {
  edit: DesignEdit;
  emails: string[];
  contentChanged: boolean;
}

/**
 * @example checkApprovalCommit({ message: 'Approve a\n', messageFile: '.git/COMMIT_EDITMSG', committerEmail: 'jane@x.org', designEdits: [edit], otherPaths: [], messageGate: 'error' })
 *   // [{ ruleId: 'approval-missing-trailer', … }]
 */
export function checkApprovalCommit(input: ApprovalCommitInput): Problem[] {
  const added: Added[] = [];
  for (const edit of input.designEdits) {
    if (edit.gate === 'off') continue;
    const before = edit.before === undefined ? undefined : factsOf(edit.path, edit.before);
    const after = edit.after === undefined ? undefined : factsOf(edit.path, edit.after);
    const emails = addedApprovers(before, after);
    if (emails.length > 0) added.push({ edit, emails, contentChanged: before?.digest === undefined || before.digest !== after?.digest });
  }
  const trailers = trailerValues(input.message, 'Approved-by');
  const problems: Problem[] = [];
  // `approve --confirm`: an approval kept as it is (same digest, same approvers) whose recorded
  // context digest is brought up to date. The confirming approver's trailer is used by it, and
  // such a commit must be as narrow as an approval.
  const confirms = input.designEdits.filter((e) => e.gate !== 'off' && confirmsContext(e));
  if (confirms.length > 0 && added.length === 0 && input.otherPaths[0] !== undefined) {
    const first = confirms[0]!;
    problems.push({ file: input.otherPaths[0], ruleId: 'approval-commit-not-narrow', severity: severityOf(first.gate), message: m.approvalNotNarrow(input.otherPaths[0]), fix: m.approvalNotNarrowFix });
  }

  if (added.length > 0) {
    const narrowBreak = input.otherPaths[0] ?? added.find((a) => a.contentChanged)?.edit.path;
    if (narrowBreak !== undefined) {
      const first = added[0]!.edit;
      problems.push({ file: narrowBreak, ruleId: 'approval-commit-not-narrow', severity: severityOf(first.gate), message: m.approvalNotNarrow(narrowBreak), fix: m.approvalNotNarrowFix });
    }
    for (const a of added) {
      for (const email of a.emails) {
        const severity = severityOf(a.edit.gate);
        const hasTrailer = trailers.some((t) => {
          const id = parseIdentity(t);
          return id !== undefined && sameEmail(id.email, email);
        });
        if (!hasTrailer) {
          problems.push({ file: a.edit.path, ruleId: 'approval-missing-trailer', severity, message: m.approvalMissingTrailer(email, a.edit.path), fix: m.approvalMissingTrailerFix(a.edit.path) });
        }
        if (input.committerEmail !== undefined && !sameEmail(input.committerEmail, email)) {
          problems.push({ file: a.edit.path, ruleId: 'approval-not-committer', severity, message: m.approvalNotCommitter(email, input.committerEmail, a.edit.path), fix: m.approvalNotCommitterFix(email) });
        }
      }
    }
  }

  if (input.messageGate !== 'off') {
    const severity = severityOf(input.messageGate);
    const confirmer = confirms.length > 0 && input.committerEmail !== undefined ? [input.committerEmail] : [];
    const approved = [...added.flatMap((a) => a.emails), ...(input.amendable ?? []), ...confirmer];
    for (const value of trailers) {
      const id = parseIdentity(value);
      if (id === undefined) {
        problems.push({ file: input.messageFile, ruleId: 'approval-trailer-malformed', severity, message: m.trailerMalformed(value), fix: m.trailerMalformedFix });
      } else if (!approved.some((e) => sameEmail(e, id.email))) {
        problems.push({ file: input.messageFile, ruleId: 'approval-trailer-unused', severity, message: m.trailerApprovesNothing(value), fix: m.trailerApprovesNothingFix });
      }
    }
  }
  return problems;
}

/** The approvers in `after`'s approval that `before` did not already hold for the same digest. */
export function addedApprovers(before: BlobFacts | undefined, after: BlobFacts | undefined): string[] {
  if (after?.approvalDigest === undefined) return [];
  const kept = before !== undefined && before.approvalDigest === after.approvalDigest ? before.by : [];
  return after.by.filter((e) => !kept.includes(e));
}

/** Whether an edit only changes `approval.context` of an approval that stays otherwise the same. */
function confirmsContext(edit: DesignEdit): boolean {
  if (edit.before === undefined || edit.after === undefined) return false;
  const block = (text: string) => {
    const read = tryReadFrontmatter(text, edit.path);
    if (!read.ok) return undefined;
    const found = readApprovalBlock(read.doc.data);
    return found.kind === 'ok' ? found.block : undefined;
  };
  const before = block(edit.before);
  const after = block(edit.after);
  if (before === undefined || after === undefined || after.context === undefined || before.context === after.context) return false;
  const contentBefore = factsOf(edit.path, edit.before).digest;
  const contentAfter = factsOf(edit.path, edit.after).digest;
  return (
    contentBefore !== undefined &&
    contentBefore === contentAfter &&
    before.digest === after.digest &&
    before.by.length === after.by.length &&
    before.by.every((b, i) => after.by[i] !== undefined && sameEmail(b.email, after.by[i]!.email))
  );
}
