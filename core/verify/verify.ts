/**
 * Range verification, what CI runs (`designgate verify`) and pre-push reuses: every commit of the
 * range is judged at its own tree for the files it changes (a design and a test for each changed
 * code file, no deleted design under living code), each approval commit is narrow and carries its
 * trailers, every design that changed code relies on is approved with evidence that came before
 * the code, every approval the range adds verifies, a change to the trust root is approved by the
 * base's approvers (core/approval/root-change.ts), the adoption baseline only shrinks unless the
 * base's approvers approved its growth (core/baseline/growth.ts, C5) and exempts what the base's
 * baseline lists, the changed documents pass the lint rules, and the changed designs and tests are
 * aligned (scenarios ↔ test names, core/alignment).
 * Configs, approvers and keys are read from the base (the trust root, R1), so the change under test
 * cannot loosen the rules it is judged by. Returns data; never prints.
 */
import { alignChanged } from '../alignment/changed.js';
import { factsOf, prefetchEvidence } from '../approval/evidence.js';
import { CONFIG_FILE } from '../config/discover.js';
import { checkTrustRootChange } from '../approval/root-change.js';
import type { GitContext } from '../approval/history.js';
import type { GitAdapter } from '../git/types.js';
import { hookMessages as m } from '../messages/hooks.js';
import { sortProblems, uniqueProblems, type Problem } from '../problem.js';
import { checkBaselineGrowth, untrustedBaselineAt, type BaselineGrowth } from '../baseline/growth.js';
import { checkApprovalCommit, type DesignEdit } from './approval-commit.js';
import { baseUnlessApproved, checkArchitectureGates } from './architecture-gates.js';
import { checkDesignApprovals } from './approvals.js';
import { classifyPath, configLocator, designScopes, type Locate } from './governing.js';
import { RangeBlobs } from './blobs.js';
import { readRangeLog, type RangeCommit } from './log.js';
import { checkAncestry, resolveEnds } from './range.js';
import { checkSnapshot, lintDocuments, type ChangedDocument, type DesignNeed } from './snapshot.js';
import type { LintDocuments } from './types.js';

export interface VerifyCommitsOptions {
  git: GitAdapter;
  ctx: GitContext;
  /** The trusted base: configs, approvers and keys are read here. Undefined: no trusted base (a first push). */
  base: string | undefined;
  /** The last commit of the range (a full id). */
  head: string;
  /** What selects the range for git (`[head, '^base']`, or `[head, '--not', '--remotes']`). */
  revisions: readonly string[];
  /** The range's commits when the caller has read them already (see log.ts); else read from `revisions`. */
  log?: readonly RangeCommit[];
  now: Date;
  lint?: LintDocuments;
  /** The user's cache folder holding the evidence cache's key (see core/approval/check); absent: nothing cached. */
  cacheKeyDir?: string;
}

export interface VerifyResult {
  /** The commits checked, oldest first. */
  commits: string[];
  problems: Problem[];
}

/**
 * Paths whose change alters what the gates enforce, reported so a reviewer looks at them: a config
 * or signers file by itself, a hook or workflow folder once.
 */
export function protectedKey(path: string): string | undefined {
  if (/(^|\/)\.designrc\.json$/.test(path) || /^\.designgate\/(baseline\.json|allowed_signers)$/.test(path)) return path;
  if (path.startsWith('.husky/')) return '.husky/';
  if (path.startsWith('.github/workflows/')) return '.github/workflows/';
  return undefined;
}

/**
 * Resolves `--base`/`--head` strictly (see range.ts) and verifies every commit in between.
 * @example await verifyRange({ git, ctx, base: 'origin/main', head: 'HEAD', now: new Date() })
 */
export async function verifyRange(options: Omit<VerifyCommitsOptions, 'base' | 'head' | 'revisions'> & { base: string; head: string }): Promise<VerifyResult & { base: string; head: string }> {
  const names = { base: options.base, head: options.head };
  const range = await resolveEnds(options.git, options.ctx, names);
  const revisions = [range.head, `^${range.base}`];
  // git writes the range's log (and the approval check's history is read) while merge-base judges
  // the range; a range that fails is refused before anything of the log is used.
  prefetchApprovals({ ...options, base: range.base, head: range.head });
  const log = readRangeLog(options.ctx, revisions);
  log.catch(() => undefined);
  await checkAncestry(options.ctx, range, names);
  const result = await verifyCommits({ ...options, base: range.base, head: range.head, revisions, log: await log });
  return { ...result, ...range };
}

/**
 * @example await verifyCommits({ git, ctx, base, head, revisions: [head, `^${base}`], now: new Date() })
 */
export async function verifyCommits(options: VerifyCommitsOptions): Promise<VerifyResult> {
  const { git, base, head } = options;
  const root = git.root;
  if (options.log === undefined) prefetchApprovals(options);
  const commits = options.log ?? (await readRangeLog(options.ctx, options.revisions));
  const blobs = new RangeBlobs(git, commits);
  const baseLocate = base === undefined ? undefined : configLocator(root, (p) => git.readAt(base, p));
  const headLocate = configLocator(root, (p) => blobs.read(head, p));
  // The base's configs govern; a path no base config governs (a first adoption) answers to the commit's own.
  const locateAt = (rev: string): Locate => {
    const own = rev === head ? headLocate : configLocator(root, (p) => blobs.read(rev, p));
    return async (path) => (baseLocate === undefined ? undefined : await baseLocate(path)) ?? own(path);
  };

  const problems: Problem[] = [];
  // The adoption baseline's exemptions come from the base (plus growth its approvers approved);
  // without a trusted base there is nothing to compare with, and the head's own baseline applies.
  const baseline = base === undefined ? await headBaseline(git, head) : await checkBaselineGrowth({ ctx: options.ctx, git, base, head, baseLocate: baseLocate!, now: options.now });
  problems.push(...baseline.problems);
  const needs = new Map<string, { need: DesignNeed; evidence: string | undefined }>();
  const changedDesigns = new Set<string>();
  const protectedSeen = new Set<string>();
  const headText = (path: string): Promise<string | undefined> => blobs.text(head, path);

  const perCommit = async (commit: RangeCommit): Promise<Problem[]> => {
    const problems: Problem[] = [];
    const locate = locateAt(commit.oid);
    const read = (p: string) => blobs.read(commit.oid, p);
    const found = await checkSnapshot({ changes: commit.changes, read, readText: (p) => blobs.text(commit.oid, p), locate, baselined: baseline.exempt });
    for (const p of found.problems) problems.push({ ...p, message: m.inCommit(commit.oid, p.message) });
    for (const d of found.documents) changedDesigns.add(d.path);
    for (const change of commit.changes) {
      const key = protectedKey(change.path);
      if (key !== undefined && !protectedSeen.has(key)) {
        protectedSeen.add(key);
        problems.push({ file: key, ruleId: 'protected-path-changed', severity: 'warning', message: m.protectedPathChanged(key, commit.oid), fix: m.protectedPathChangedFix });
      }
    }
    problems.push(...(await approvalCommit(commit, locate, found.documents)));
    for (const need of found.needs) {
      const evidence = await evidenceHead(commit, need);
      const key = `${need.design}\0${need.text}\0${evidence ?? ''}`;
      const known = needs.get(key);
      if (known === undefined) needs.set(key, { need: { ...need, files: [...need.files] }, evidence });
      else for (const f of need.files) if (!known.need.files.includes(f)) known.need.files.push(f);
    }
    return problems;
  };

  /** The commit whose history must hold the approval: the head when nothing changed it since, else the parent it came from. */
  const evidenceHead = async (commit: RangeCommit, need: DesignNeed): Promise<string | undefined> => {
    // A linear range that never touches the design: the commit, its parent and the head hold the same
    // blob, so the head (below) is the answer; 5,000 commits need not compare three blobs each.
    if (commit.parents.length === 1 && blobs.unchangedOnLine(need.design)) return head;
    const now = await blobs.oidAt(commit.oid, need.design);
    for (const parent of commit.parents) {
      if ((await blobs.oidAt(parent, need.design)) !== now) continue;
      return (await blobs.oidAt(head, need.design)) === now ? head : parent;
    }
    // Changed in this very commit (or a root commit): the approval cannot have come before the code.
    return commit.parents[0];
  };

  const approvalCommit = async (commit: RangeCommit, locate: Locate, documents: readonly ChangedDocument[]): Promise<Problem[]> => {
    const edits: DesignEdit[] = [];
    const other: string[] = [];
    for (const change of commit.changes) {
      const hit = await classifyPath(locate, change.path);
      if (hit !== undefined && (hit.role === 'design' || hit.role === 'architecture')) {
        const after = documents.find((d) => d.path === change.path)?.text;
        const before = change.oldOid === undefined ? undefined : (await blobs.blob(change.oldOid))?.toString('utf8');
        edits.push({ path: change.path, before, after, gate: hit.governing.config.gates.approval });
      } else other.push(change.path);
    }
    if (edits.length === 0) return [];
    const info = await git.readCommit(commit.oid);
    const found = checkApprovalCommit({
      message: info.message,
      messageFile: `commit ${commit.oid.slice(0, 12)}`,
      committerEmail: commit.committerEmail,
      designEdits: edits,
      otherPaths: other,
      messageGate: edits[0]!.gate,
    });
    return found.map((p) => ({ ...p, message: m.inCommit(commit.oid, p.message) }));
  };

  // Commits are independent of each other; a bounded number at a time keeps cat-file's pipe full.
  for (let i = 0; i < commits.length; i += 64) {
    for (const found of await Promise.all(commits.slice(i, i + 64).map(perCommit))) problems.push(...found);
  }

  // Every approval the range leaves at its head must verify, whether or not code relies on it yet.
  for (const design of changedDesigns) {
    const text = await headText(design);
    if (text === undefined || factsOf(design, text).approvalDigest === undefined) continue;
    const hit = await classifyPath(locateAt(head), design);
    if (hit === undefined) continue;
    const key = `${design}\0${text}\0${head}`;
    if (!needs.has(key)) needs.set(key, { need: { design, text, governing: hit.governing, files: [] }, evidence: head });
  }
  const evidenceOf = new Map([...needs.values()].map((n) => [n.need, n.evidence]));
  // The head's file list, read once for the lint rules and the architecture gates.
  let listing: Promise<string[]> | undefined;
  const listHead = () => (listing ??= git.listFiles(head));
  const readHead = (p: string) => blobs.read(head, p);
  const touched = [...new Set(commits.flatMap((c) => c.changes.map((change) => change.path)))].sort();
  // Independent of each other, so run together: the approval check waits on git's history walk
  // while the others parse.
  const [approvals, lint, alignment, rootChanges] = await Promise.all([
    checkDesignApprovals({
      git,
      ctx: options.ctx,
      needs: [...evidenceOf.keys()],
      trustRev: base ?? head,
      evidenceHead: (need) => evidenceOf.get(need),
      now: options.now,
      ...(options.cacheKeyDir === undefined ? {} : { cacheKeyDir: options.cacheKeyDir }),
    }),
    (async () => {
      const documents: ChangedDocument[] = [];
      for (const path of [...changedDesigns].sort()) {
        const text = await headText(path);
        const hit = text === undefined ? undefined : await classifyPath(locateAt(head), path);
        if (hit !== undefined) documents.push({ path, text: text!, governing: hit.governing });
      }
      return lintDocuments(options.lint, documents, { list: listHead, read: (p) => git.readAt(head, p) });
    })(),
    // Design ↔ test alignment of the designs and tests the range changed, as they stand at the head,
    // at the level the base's config sets.
    alignChanged({ paths: touched, read: readHead, locate: locateAt(head) }),
    // A change to approvers, keys, switches or ignore globs must itself be approved by the base's root.
    (async () => {
      if (base === undefined) return [];
      const configs = [...protectedSeen].filter((p) => p.endsWith('.designrc.json'));
      if (protectedSeen.has('.designgate/allowed_signers') && !configs.includes('.designrc.json')) configs.push('.designrc.json');
      const found: Problem[] = [];
      for (const configPath of configs.sort()) found.push(...(await checkTrustRootChange({ ctx: options.ctx, git, base, head, configPath, now: options.now })));
      return found;
    })(),
  ]);
  problems.push(...approvals.problems);
  // Gate 1, boundary drift and suspect designs for what the range changed, at its head; the base's
  // architecture judges unless the head's approval just verified (see architecture-gates.ts). Each
  // changed path once: 5,000 commits may change the same few files.
  const changes = [...new Map(commits.flatMap((c) => c.changes).map((ch) => [ch.path, ch])).values()];
  problems.push(
    ...(await checkArchitectureGates({
      changes,
      read: readHead,
      locate: locateAt(head),
      list: listHead,
      judgeWith: baseUnlessApproved(base === undefined ? undefined : (p) => git.readAt(base, p), approvals.verdicts),
    })),
  );
  problems.push(...lint, ...alignment, ...rootChanges);
  if (base === undefined && commits.length > 0) {
    problems.push({ file: '.designrc.json', ruleId: 'no-trusted-base', severity: 'warning', message: m.noTrustedBase, fix: m.noTrustedBaseFix });
  }
  return { commits: commits.map((c) => c.oid), problems: dedupe(sortProblems(problems)) };
}

/** The head's baseline when no base can vouch for it (a malformed one exempts nothing). */
async function headBaseline(git: GitAdapter, head: string): Promise<BaselineGrowth> {
  const { baseline, problems } = await untrustedBaselineAt(git, head);
  return { problems, exempt: new Set(baseline?.files ?? []) };
}

/**
 * Starts what the approval check will read — the head's whole commit list and the evidence cache —
 * while git writes the range's log, which verify (and pre-push) otherwise only wait for. Scopes come
 * from the repository's root config at the base (else the head); a monorepo's other configs are
 * read when the check runs. Never fails: the check reads again and reports.
 * @example prefetchApprovals({ git, ctx, base, head, cacheKeyDir })
 */
export function prefetchApprovals(options: Pick<VerifyCommitsOptions, 'git' | 'ctx' | 'base' | 'head' | 'cacheKeyDir'>): void {
  const { git, base, head } = options;
  void (async () => {
    const rootConfig = async (rev: string) => configLocator(git.root, (p) => git.readAt(rev, p))(CONFIG_FILE);
    const g = (base === undefined ? undefined : await rootConfig(base)) ?? (await rootConfig(head));
    if (g === undefined || g.config.gates.approval === 'off') return;
    prefetchEvidence(options.ctx, head, designScopes(g), options.cacheKeyDir);
  })().catch(() => undefined);
}

/** One problem per file and rule: the first (oldest) commit that shows it stands for the rest. */
function dedupe(problems: readonly Problem[]): Problem[] {
  return uniqueProblems(problems, (p) => p.message.replace(/^in [0-9a-f]{12}: /, ''));
}
