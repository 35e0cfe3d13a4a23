/**
 * The approval gate over the designs that changed code relies on: each must carry a verified
 * approval (core/approval/check.ts: digest, trailers, signatures, approvers, self-approval, count)
 * whose evidence is already in the history the change builds on (approval before implementation).
 * The approval check reports why an approval does not hold on the design itself; this module adds,
 * on every code and test file relying on it, that the file is refused and by which design.
 */
import { checkApprovals, type ApprovalVerdict } from '../approval/check.js';
import type { GitContext } from '../approval/history.js';
import { loadTrustRoot, type TrustRoot, type TrustRootUnavailable } from '../approval/trust-root.js';
import type { GitAdapter } from '../git/types.js';
import { hookMessages as m } from '../messages/hooks.js';
import { sortProblems, uniqueProblems, type Problem } from '../problem.js';
import { classifyIn, designScopes, type Governing } from './governing.js';
import { severityOf, type DesignNeed } from './snapshot.js';

export interface ApprovalGateOptions {
  git: GitAdapter;
  ctx: GitContext;
  needs: readonly DesignNeed[];
  /** The trusted revision approvers and keys are read from (HEAD for hooks, the base for verify). */
  trustRev: string | undefined;
  /** The commit whose history must already hold a need's approval; undefined when there are no commits. */
  evidenceHead: (need: DesignNeed) => string | undefined;
  now: Date;
  /** The user's cache folder holding the key of the evidence cache (see core/approval/check); absent: nothing cached. */
  cacheKeyDir?: string;
}

export interface ApprovalGateResult {
  problems: Problem[];
  /** The approval check's verdict per design path (for a path checked in two versions, the last). */
  verdicts: Map<string, ApprovalVerdict>;
}

/**
 * @example await checkDesignApprovals({ git, ctx, needs, trustRev: head, evidenceHead: () => head, now: new Date(), cacheKeyDir })
 */
export async function checkDesignApprovals(options: ApprovalGateOptions): Promise<ApprovalGateResult> {
  const verdicts = new Map<string, ApprovalVerdict>();
  if (options.needs.length === 0) return { problems: [], verdicts };
  const roots = new Map<string, Promise<TrustRoot | TrustRootUnavailable>>();
  const trustFor = (configPath: string) => {
    let root = roots.get(configPath);
    if (root === undefined) roots.set(configPath, (root = loadTrustRoot({ git: options.git, rev: options.trustRev, configPath })));
    return root;
  };
  const governings = [...new Set(options.needs.map((n) => n.governing))];
  const isDesign = designPredicate(governings);
  const scopes = [...new Set(governings.flatMap(designScopes))];

  // One approval check per evidence head: each reads the history of its head once for all its
  // designs. Verdicts come back by path, so two texts of one path (a design before and after an
  // edit) go to separate checks.
  const batches = new Map<string, DesignNeed[]>();
  for (const need of options.needs) {
    const head = options.evidenceHead(need);
    let round = 0;
    while (batches.get(`${round}\0${head ?? ''}`)?.some((n) => n.design === need.design)) round++;
    const key = `${round}\0${head ?? ''}`;
    batches.set(key, [...(batches.get(key) ?? []), need]);
  }
  const found: Problem[] = [];
  const byNeed = new Map<DesignNeed, ApprovalVerdict>();
  for (const needs of batches.values()) {
    const head = options.evidenceHead(needs[0]!);
    const designs = await Promise.all(
      needs.map(async (n) => ({ path: n.design, text: n.text, trust: await trustFor(n.governing.configPath), gate: n.governing.config.gates.approval })),
    );
    const result = await checkApprovals({
      ctx: options.ctx,
      git: options.git,
      head,
      designs,
      isDesign,
      scopes,
      now: options.now,
      ...(options.cacheKeyDir === undefined ? {} : { cacheKeyDir: options.cacheKeyDir }),
    });
    found.push(...result.problems);
    const byPath = new Map(result.verdicts.map((v) => [v.file, v]));
    for (const n of needs) {
      const v = byPath.get(n.design);
      if (v !== undefined) byNeed.set(n, v);
    }
  }

  // Batches that check the same design against different heads may report the same finding.
  const problems = uniqueProblems(found);
  for (const need of options.needs) {
    const verdict = byNeed.get(need);
    if (verdict !== undefined) verdicts.set(need.design, verdict);
    const state = verdict?.state ?? 'invalid';
    if (state === 'approved' || state === 'approved-unsigned') continue;
    const level = need.governing.config.gates.approval;
    if (level === 'off') continue;
    const described = state === 'draft' ? m.stateDraft : state === 'stale' ? m.stateStale : state === 'invalid' ? m.stateInvalid : m.stateUnverified;
    const fix = state === 'invalid' ? m.unreadableFix(need.design) : m.approveFirstFix(need.design);
    for (const file of need.files) {
      problems.push({ file, ruleId: 'design-not-approved', severity: severityOf(level), message: m.notApproved(file, need.design, described), fix });
    }
  }
  return { problems: sortProblems(problems), verdicts };
}

/** Whether a repository path is a design document or an architecture, by the nearest of the known configs. */
export function designPredicate(governings: readonly Governing[]): (repoPath: string) => boolean {
  const byDepth = [...governings].sort((a, b) => b.prefix.length - a.prefix.length);
  return (repoPath) => {
    const g = byDepth.find((x) => repoPath.startsWith(x.prefix));
    if (g === undefined) return false;
    const hit = classifyIn(g, repoPath);
    return hit !== undefined && (hit.role === 'design' || hit.role === 'architecture');
  };
}
