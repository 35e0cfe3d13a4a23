/**
 * The approval check: for each design, the state the tool derives (never the `status` field) and,
 * when it is not a verified approval, why, as Problems that name the file, the rule and the fix.
 *
 * An approval is valid only when (PRODUCT.md "Approval"): its digest matches the document as it
 * stands; every identity in `by` was added by a commit that carries an `Approved-by` trailer for
 * it, is signed by a key the trusted root registers for that approver (unless signing is off),
 * changes approval blocks only, and is not by an author of the approved content (unless allowed);
 * each identity is an approver for that path; and there are `requiredApprovals` distinct people.
 */
import type { GateLevel } from '../config/types.js';
import { tryReadFrontmatter, type Locate } from '../frontmatter.js';
import { digestOf } from '../digest.js';
import type { GitAdapter } from '../git/types.js';
import type { Problem } from '../problem.js';
import { byCodeUnit, sortProblems } from '../problem.js';
import { approvalMessages as m } from '../messages/approval.js';
import { readApprovalBlock } from './block.js';
import { EvidenceStore } from './cache.js';
import { EvidenceIndex, blobOid, factsOfDoc, openEvidenceStore, type BlobFacts, type PathEntry } from './evidence.js';
import type { GitContext } from './history.js';
import { identityKey, unsafeIdentity } from './identity.js';
import { CommitVerifier, verifyBasic, type Finding } from './commit-verifier.js';
import { isTrustRoot, type TrustRoot, type TrustRootUnavailable } from './trust-root.js';

/** The derived state of a design's approval. */
export type ApprovalState = 'missing' | 'invalid' | 'draft' | 'approved' | 'approved-unsigned' | 'stale' | 'unverified';

export interface ApprovalVerdict {
  /** Repository-relative path of the design. */
  file: string;
  state: ApprovalState;
  /** Distinct approvers (lower-cased emails) whose approval verified. */
  approvers: string[];
  /** The approval commits behind the verified approvals. */
  evidence: string[];
  /** Why the approval does not hold (empty for draft and verified states). */
  problems: Problem[];
}

export interface DesignInput {
  /** Repository-relative path with forward slashes. */
  path: string;
  /** The text as it stands (work tree, index or a commit); undefined when the file does not exist. */
  text: string | undefined;
  /** The trust root of the config that governs it, read from the trusted revision. */
  trust: TrustRoot | TrustRootUnavailable;
  /** `gates.approval` of that config: off reports nothing, warn reports warnings. Default: error. */
  gate?: GateLevel;
}

export interface ApprovalCheckOptions {
  ctx: GitContext;
  git: GitAdapter;
  /** The commit whose history holds the evidence (usually HEAD); undefined when there are no commits. */
  head: string | undefined;
  designs: readonly DesignInput[];
  /** Whether a repository path is a design document (or the architecture): what an approval commit may change. */
  isDesign: (repoPath: string) => boolean;
  /** Repository-relative folders that hold every design ('' for the whole repository). */
  scopes: readonly string[];
  /** When the check runs: key validity and revocation are judged now, never at the committer date. */
  now: Date;
  /**
   * The user's cache folder holding the key that authenticates `.git/designgate/evidence-cache.json`
   * (e.g. `~/.cache/designgate`); without it nothing is cached.
   */
  cacheKeyDir?: string;
}

export interface ApprovalCheckResult {
  verdicts: ApprovalVerdict[];
  /** Every verdict's problems plus one warning per config whose approvals are unsigned attestations. */
  problems: Problem[];
}

interface Pending {
  design: DesignInput;
  trust: TrustRoot;
  /** What the text says (computed now, or from the authenticated cache). */
  facts: BlobFacts;
  digest: string;
  /** Where a key is written; parses the text on first use when the facts came from the cache. */
  locate: Locate;
  /** Distinct approvers: comparison key → the email as written. */
  emails: Map<string, string>;
  findings: Map<string, Finding>;
  verified: Map<string, string>;
}

/**
 * Checks the approvals of `designs`. One pass over history serves every design (see evidence.ts).
 * @example const { verdicts } = await checkApprovals({ ctx, git, head, designs, isDesign, scopes: ['docs/design'], now: new Date() })
 */
export async function checkApprovals(options: ApprovalCheckOptions): Promise<ApprovalCheckResult> {
  const verdicts: ApprovalVerdict[] = [];
  const pending: Pending[] = [];
  const fresh = new Map<string, BlobFacts>();
  const oidLength = options.head?.length ?? 40;
  const store =
    options.head === undefined ? EvidenceStore.memory('') : await openEvidenceStore(options.ctx, options.scopes, options.cacheKeyDir);

  for (const design of options.designs) {
    if (design.text === undefined) {
      verdicts.push({ file: design.path, state: 'missing', approvers: [], evidence: [], problems: [] });
      continue;
    }
    const key = `${design.path}\0${blobOid(design.text, oidLength)}`;
    const look = firstLook(design, design.text, store.blobs.get(key));
    if (look.facts !== undefined && !store.blobs.has(key)) {
      store.blobs.set(key, look.facts);
      store.markDirty();
    }
    if (look.pending === undefined) {
      verdicts.push(look.verdict);
      continue;
    }
    pending.push(look.pending);
    // The facts of the text in hand, so evidence that wrote exactly this blob needs no second read.
    fresh.set(key, look.pending.facts);
  }

  try {
    if (pending.length > 0) {
      if (options.head === undefined) {
        for (const p of pending) for (const key of p.emails.keys()) p.findings.set(key, notCommitted(p, key));
      } else {
        const index = await EvidenceIndex.open({ ctx: options.ctx, git: options.git, head: options.head, scopes: options.scopes, store });
        await gatherEvidence(index, pending, fresh, options);
      }
      for (const p of pending) verdicts.push(conclude(p));
    }
  } finally {
    await store.save();
  }

  const problems: Problem[] = [];
  const attestations = new Set<string>();
  for (const v of verdicts) problems.push(...v.problems);
  for (const d of options.designs) {
    if (isTrustRoot(d.trust) && !d.trust.config.signedApprovals && d.gate !== 'off' && !attestations.has(d.trust.configPath)) {
      attestations.add(d.trust.configPath);
      problems.push({
        file: d.trust.configPath,
        ruleId: 'approval-unsigned-attestation',
        severity: 'warning',
        message: m.unsignedAttestation(d.trust.configPath),
        fix: m.unsignedAttestationFix(d.trust.configPath),
      });
    }
  }
  verdicts.sort((a, b) => byCodeUnit(a.file, b.file));
  return { verdicts, problems: sortProblems(problems) };
}

type FirstLook =
  | { verdict: ApprovalVerdict; pending?: undefined; facts?: BlobFacts }
  | { pending: Pending; verdict?: undefined; facts: BlobFacts };

/**
 * Everything decided from the text alone: invalid, draft, malformed, stale, refused identities.
 * With `cached` facts of this exact text (authenticated cache), a clean draft or a current approval
 * is decided without parsing; anything to report is parsed, for its line and its words.
 */
function firstLook(design: DesignInput, text: string, cached: BlobFacts | undefined): FirstLook {
  const file = design.path;
  if (cached !== undefined && cached.digest !== undefined && !cached.malformed && cached.identitiesSafe) {
    if (cached.approvalDigest === undefined && !cached.statusApproved) {
      return { verdict: { file, state: 'draft', approvers: [], evidence: [], problems: [] } };
    }
    if (cached.approvalDigest === cached.digest && isTrustRoot(design.trust)) {
      let locate: Locate | undefined;
      const lazy: Locate = (path) => {
        locate ??= readLocate(text, file);
        return locate(path);
      };
      const emails = new Map(cached.by.map((e) => [e, e]));
      return { pending: { design, trust: design.trust, facts: cached, digest: cached.digest, locate: lazy, emails, findings: new Map(), verified: new Map() }, facts: cached };
    }
  }
  return parseLook(design, text);
}

function readLocate(text: string, file: string): Locate {
  const read = tryReadFrontmatter(text, file);
  return read.ok ? read.doc.locate : () => undefined;
}

function parseLook(design: DesignInput, text: string): FirstLook {
  const file = design.path;
  const base = { file, approvers: [], evidence: [] };
  const problem = (f: Finding, at?: { line: number; column: number }): Problem => ({
    file,
    ...(at === undefined ? {} : { line: at.line, column: at.column }),
    ruleId: f.ruleId,
    severity: design.gate === 'warn' ? 'warning' : 'error',
    message: f.message,
    fix: f.fix,
  });
  const report = (problems: Problem[]): Problem[] => (design.gate === 'off' ? [] : problems);
  const read = tryReadFrontmatter(text, file);
  // An unreadable design is the structural check's finding (design-unreadable); it is never approved.
  if (!read.ok) return { verdict: { ...base, state: 'invalid', problems: [] } };
  const { data } = read.doc;
  const locate = read.doc.locate;
  const block = readApprovalBlock(data);
  const digest = digestOf(file, read.doc);
  const facts = factsOfDoc(digest, block, data);
  if (block.kind === 'none') {
    const problems =
      data['status'] === 'approved'
        ? [problem({ ruleId: 'approval-status-mismatch', message: m.statusWithoutApproval, fix: m.statusFix(file) }, locate(['status']))]
        : [];
    return { verdict: { ...base, state: 'draft', problems: report(problems) }, facts };
  }
  if (block.kind === 'malformed') {
    const f = { ruleId: 'approval-malformed', message: m.malformed(block.message), fix: m.malformedFix(file) };
    return { verdict: { ...base, state: 'unverified', problems: report([problem(f, locate(block.path) ?? locate(['approval']))]) }, facts };
  }
  if (block.block.digest !== digest) {
    const f = { ruleId: 'approval-stale', message: m.stale(block.block.digest, digest), fix: m.approveFix(file) };
    return { verdict: { ...base, state: 'stale', problems: report([problem(f, locate(['approval', 'digest']))]) }, facts };
  }
  for (const [i, identity] of block.block.by.entries()) {
    const unsafe = unsafeIdentity(identity);
    if (unsafe !== undefined) {
      const f = { ruleId: 'approval-identity', message: m.unsafeIdentity(unsafe), fix: m.identityFix };
      return { verdict: { ...base, state: 'unverified', problems: report([problem(f, locate(['approval', 'by', i]))]) }, facts };
    }
  }
  if (!isTrustRoot(design.trust)) {
    const f = { ruleId: 'approval-no-trust-root', message: m.noTrustRoot(design.trust.message), fix: design.trust.fix };
    return { verdict: { ...base, state: 'unverified', problems: report([problem(f, locate(['approval']))]) }, facts };
  }
  const emails = new Map<string, string>();
  for (const identity of block.block.by) if (!emails.has(identityKey(identity.email))) emails.set(identityKey(identity.email), identity.email);
  return { pending: { design, trust: design.trust, facts, digest, locate, emails, findings: new Map(), verified: new Map() }, facts };
}

function notCommitted(p: Pending, key: string): Finding {
  return { ruleId: 'approval-not-committed', message: m.notCommitted(p.emails.get(key) ?? key), fix: m.notCommittedFix(p.design.path) };
}

interface Candidate {
  p: Pending;
  key: string;
  entry: PathEntry;
}

/** Finds and verifies the approval commit of every (design, approver) pair. */
async function gatherEvidence(index: EvidenceIndex, pending: readonly Pending[], fresh: ReadonlyMap<string, BlobFacts>, options: ApprovalCheckOptions): Promise<void> {
  const headBlobs = await index.headBlobs(pending.map((p) => p.design.path));
  const candidates: Candidate[] = [];
  await Promise.all(
    pending.map(async (p) => {
      const path = p.design.path;
      const headOid = headBlobs.get(path);
      const headFacts = headOid === undefined ? undefined : (fresh.get(`${path}\0${headOid}`) ?? (await index.facts(path, headOid)));
      for (const [key, email] of p.emails) {
        const approver = p.trust.approver(email);
        if (approver === undefined) {
          p.findings.set(key, { ruleId: 'approval-not-approver', message: m.notApprover(email, p.trust.configPath), fix: m.notApproverFix(p.trust.configPath) });
          continue;
        }
        if (!p.trust.covers(approver, path)) {
          p.findings.set(key, { ruleId: 'approval-not-approver', message: m.notApproverForPath(email, path), fix: m.notApproverFix(p.trust.configPath) });
          continue;
        }
        if (headFacts === undefined || headFacts.approvalDigest !== p.digest || !headFacts.by.includes(key)) {
          p.findings.set(key, notCommitted(p, key));
          continue;
        }
        const found = await index.findIntroduction(path, p.digest, key);
        if (found.kind === 'introduced') candidates.push({ p, key, entry: found.entry });
        else if (found.kind === 'withdrawn') {
          p.findings.set(key, { ruleId: 'approval-withdrawn', message: m.withdrawn(email, found.entry.commit), fix: m.approveFix(path) });
        } else p.findings.set(key, noEvidence(index, p, key));
      }
    }),
  );

  // What the chosen commits wrote is re-read from git objects, not taken from the cache.
  const confirmed = await index.confirmAfter(candidates.map((c) => ({ path: c.p.design.path, entry: c.entry })), fresh);
  await index.prefetchOthers(candidates.map((c) => c.entry.commit));
  const verifier = new CommitVerifier(options.git, options.now);
  await Promise.all(
    candidates.map(async (c, i) => {
      const after = confirmed[i];
      if (after === undefined || after.approvalDigest !== c.p.digest || !after.by.includes(c.key)) {
        c.p.findings.set(c.key, noEvidence(index, c.p, c.key));
        return;
      }
      const finding = await verifyApproval(index, verifier, options, c.p, c.key, c.entry);
      if (finding === undefined) c.p.verified.set(c.key, c.entry.commit);
      else c.p.findings.set(c.key, finding);
    }),
  );
}

function noEvidence(index: EvidenceIndex, p: Pending, key: string): Finding {
  const email = p.emails.get(key) ?? key;
  return index.shallow
    ? { ruleId: 'approval-no-evidence', message: m.noEvidenceShallow(email), fix: m.noEvidenceShallowFix }
    : { ruleId: 'approval-no-evidence', message: m.noEvidence(email), fix: m.missingTrailerFix(p.design.path) };
}

/** The requirements on one approval commit for one approver (trailer, signature, narrowness, self-approval). */
async function verifyApproval(
  index: EvidenceIndex,
  verifier: CommitVerifier,
  options: ApprovalCheckOptions,
  p: Pending,
  key: string,
  entry: PathEntry,
): Promise<Finding | undefined> {
  const path = p.design.path;
  const email = p.emails.get(key) ?? key;
  const commit = entry.commit;
  const basic = await verifyBasic(verifier, p.trust, path, commit, email);
  if (basic !== undefined) return basic;
  const wide = await widerThanApproval(index, options, commit);
  if (wide !== undefined) return { ruleId: 'approval-commit-not-narrow', message: m.changesContent(commit, wide), fix: m.changesContentFix(path) };
  if (!p.trust.config.allowSelfApproval) {
    const authored = await authoredBy(index, verifier, p.trust, path, entry, key, p.digest);
    if (authored !== undefined) return { ruleId: 'approval-self', message: m.selfApproval(email, authored), fix: m.selfApprovalFix(path) };
  }
  return undefined;
}

/** Per run (one index): what each approval commit changes beyond approval blocks, judged once per commit. */
const widerMemo = new WeakMap<EvidenceIndex, Map<string, Promise<string | undefined>>>();

/**
 * The first path an approval commit changes beyond approval blocks of designs, if any (R11). A batch
 * approval of n designs is asked n times; without the memo that is n² blob comparisons.
 */
function widerThanApproval(index: EvidenceIndex, options: ApprovalCheckOptions, commit: string): Promise<string | undefined> {
  let memo = widerMemo.get(index);
  if (memo === undefined) widerMemo.set(index, (memo = new Map()));
  let found = memo.get(commit);
  if (found === undefined) memo.set(commit, (found = widerPath(index, options, commit)));
  return found;
}

async function widerPath(index: EvidenceIndex, options: ApprovalCheckOptions, commit: string): Promise<string | undefined> {
  const other = await index.otherPath(commit);
  if (other !== '') return other;
  for (const change of index.changesOf(commit)) {
    if (!options.isDesign(change.path) || change.oldOid === undefined || change.newOid === undefined) return change.path;
    const [before, after] = await Promise.all([index.facts(change.path, change.oldOid), index.facts(change.path, change.newOid)]);
    if (before.digest === undefined || before.digest !== after.digest) return change.path;
  }
  return undefined;
}

/**
 * The commit in which `key` wrote content of the design, as author or committer (R3), since the
 * previous verified approval of other content (an earlier approval of this same digest by someone
 * else is no boundary: the content it approved is the content now approved), or undefined.
 */
async function authoredBy(
  index: EvidenceIndex,
  verifier: CommitVerifier,
  trust: TrustRoot,
  path: string,
  approval: PathEntry,
  key: string,
  digest: string,
): Promise<string | undefined> {
  const entries = index.entries(path);
  const start = entries.indexOf(approval);
  for (const entry of entries.slice(start + 1)) {
    const { oldOid, newOid } = entry.change;
    const [before, after] = await Promise.all([
      oldOid === undefined ? undefined : index.facts(path, oldOid),
      newOid === undefined ? undefined : index.facts(path, newOid),
    ]);
    if (after !== undefined && after.approvalDigest !== digest && (await isVerifiedApproval(verifier, trust, path, entry, before, after))) return undefined;
    if (before?.digest === after?.digest) continue;
    if (identityKey(entry.authorEmail) === key || identityKey(entry.committerEmail) === key) return entry.commit;
  }
  return undefined;
}

/** Whether an older entry added some approver whose approval verifies: the boundary of "the approved content". */
async function isVerifiedApproval(
  verifier: CommitVerifier,
  trust: TrustRoot,
  path: string,
  entry: PathEntry,
  before: BlobFacts | undefined,
  after: BlobFacts,
): Promise<boolean> {
  if (after.approvalDigest === undefined || after.approvalDigest !== after.digest) return false;
  const added = after.by.filter((e) => !(before !== undefined && before.approvalDigest === after.approvalDigest && before.by.includes(e)));
  for (const email of added) {
    const approver = trust.approver(email);
    if (approver === undefined || !trust.covers(approver, path)) continue;
    if ((await verifyBasic(verifier, trust, path, entry.commit, approver.email)) === undefined) return true;
  }
  return false;
}

/** Turns the findings of one design into its verdict. */
function conclude(p: Pending): ApprovalVerdict {
  const file = p.design.path;
  const severity = p.design.gate === 'warn' ? 'warning' : 'error';
  const findings = [...p.findings.values()];
  const need = p.trust.config.requiredApprovals;
  if (findings.length === 0 && p.verified.size < need) {
    findings.push({ ruleId: 'approval-too-few', message: m.tooFew(p.verified.size, need), fix: m.tooFewFix(file, need) });
  }
  // Located only when there is something to report: the text may not have been parsed this run.
  const at = findings.length > 0 ? p.locate(['approval']) : undefined;
  const loc = at === undefined ? {} : { line: at.line, column: at.column };
  const problems: Problem[] = findings.map((f) => ({ file, ...loc, ruleId: f.ruleId, severity, message: f.message, fix: f.fix }));
  const approvers = [...p.verified.keys()];
  const evidence = [...new Set(p.verified.values())];
  if (problems.length > 0) return { file, state: 'unverified', approvers, evidence, problems: p.design.gate === 'off' ? [] : problems };
  return { file, state: p.trust.config.signedApprovals ? 'approved' : 'approved-unsigned', approvers, evidence, problems: [] };
}
