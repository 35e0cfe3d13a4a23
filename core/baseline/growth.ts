/**
 * Reliability C5 at `verify`: the adoption baseline may only shrink. Entries the head's baseline
 * has and the base's lacks (including a baseline the change adds) are refused as `baseline-grown`,
 * unless an approver of the base approved a commit of the range that already holds them, by the
 * very rule a trust-root change follows (core/approval/root-change.ts `approvedInRange`). Each entry
 * answers to the config that governs it at the base; an entry no base config governs has no root
 * to protect (a first adoption), as with the trust root. The files exempt from needing a design in
 * the range are the base's entries plus the approved growth, never what the change alone added.
 */
import { approvedInRange } from '../approval/root-change.js';
import type { GitContext } from '../approval/history.js';
import { isTrustRoot, loadTrustRoot } from '../approval/trust-root.js';
import { isDesignGateError } from '../errors.js';
import type { GitAdapter } from '../git/types.js';
import { baselineMessages as m } from '../messages/baseline.js';
import { problemsFromCauses, type Problem } from '../problem.js';
import type { Locate } from '../verify/governing.js';
import { BASELINE_FILE, baselineAt, type Baseline } from './format.js';
import { diffBaselines } from './diff.js';

export interface BaselineGrowthOptions {
  ctx: GitContext;
  git: GitAdapter;
  /** The trusted base and the head of the range (full ids). */
  base: string;
  head: string;
  /** The configs as the base has them. */
  baseLocate: Locate;
  now: Date;
  revokedKeys?: readonly string[];
}

export interface BaselineGrowth {
  problems: Problem[];
  /** Code files that need no design in this range. */
  exempt: Set<string>;
}

/**
 * The baseline of a commit of the change under test: a malformed one is the change's finding
 * (`baseline-invalid`, one per cause, located), not a stop, and it exempts nothing.
 * @example const { baseline, problems } = await untrustedBaselineAt(git, head)
 */
export async function untrustedBaselineAt(git: Pick<GitAdapter, 'readAt'>, rev: string): Promise<{ baseline: Baseline | undefined; problems: Problem[] }> {
  try {
    return { baseline: await baselineAt(git, rev), problems: [] };
  } catch (error) {
    if (!isDesignGateError(error)) throw error;
    return { baseline: undefined, problems: problemsFromCauses(error.causes, { file: BASELINE_FILE, ruleId: 'baseline-invalid', severity: 'error', fix: error.fix }) };
  }
}

/**
 * @example const { problems, exempt } = await checkBaselineGrowth({ ctx, git, base, head, baseLocate, now: new Date() })
 */
export async function checkBaselineGrowth(options: BaselineGrowthOptions): Promise<BaselineGrowth> {
  const { git, base, head } = options;
  // The base is the trust: a broken baseline there stops verify (exit 2), like a broken base config.
  const before = await baselineAt(git, base);
  const exempt = new Set(before.files);
  const { baseline: after, problems: unreadable } = await untrustedBaselineAt(git, head);
  if (after === undefined) return { problems: unreadable, exempt };
  const { added } = diffBaselines(before.files, after.files);
  if (added.length === 0) return { problems: [], exempt };

  const byConfig = new Map<string, string[]>();
  for (const entry of added) {
    const governing = await options.baseLocate(entry);
    if (governing === undefined) {
      exempt.add(entry);
      continue;
    }
    byConfig.set(governing.configPath, [...(byConfig.get(governing.configPath) ?? []), entry]);
  }
  const problems: Problem[] = [];
  const heldAt = new Map<string, Promise<Set<string>>>();
  const entriesAt = (commit: string) => {
    let held = heldAt.get(commit);
    if (held === undefined) {
      // A commit whose baseline cannot be read holds nothing an approval could cover.
      held = baselineAt(git, commit).then((b) => new Set(b.files), () => new Set<string>());
      heldAt.set(commit, held);
    }
    return held;
  };
  for (const [configPath, entries] of [...byConfig].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const root = await loadTrustRoot({ git, rev: base, configPath, ...(options.revokedKeys === undefined ? {} : { revokedKeys: options.revokedKeys }) });
    if (!isTrustRoot(root)) {
      for (const e of entries) exempt.add(e);
      continue;
    }
    const { approved } = await approvedInRange({
      ctx: options.ctx,
      git,
      root,
      base,
      head,
      paths: [BASELINE_FILE],
      settles: async (commit) => {
        const held = await entriesAt(commit);
        return entries.every((e) => held.has(e));
      },
      now: options.now,
    });
    if (approved) for (const e of entries) exempt.add(e);
    else problems.push({ file: BASELINE_FILE, ruleId: 'baseline-grown', severity: 'error', message: m.grown(entries, configPath), fix: m.grownFix(entries) });
  }
  return { problems, exempt };
}
