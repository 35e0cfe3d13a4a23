/**
 * Whether a code session may start from a design: it must be approved and not stale (PRODUCT.md,
 * F15), judged before the model is contacted. The session takes the judgement as a parameter, so
 * the full approval check (trailers, signatures, approvers, from `core/approval/`) plugs in without
 * the session changing.
 *
 * Two gates: `verifiedApprovalGate` (the CLI's) runs the approval check of `core/approval/` —
 * trailers, signatures, approvers, self-approval, read from the trust root at HEAD — so only a
 * verified approval (or, where the config turns signing off, an unsigned attestation) lets a
 * session start. `derivedStateGate` judges only what `core/design-state.ts` derives (an approval
 * block whose digest matches) and serves library callers and tests that build no history.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { designState, type DesignState } from '../core/design-state.js';
import { checkWorkspaceApprovals } from '../core/approval/gate.js';
import { openGit } from '../core/git/index.js';
import { loadWorkspace } from '../core/workspace.js';
import type { Problem } from '../core/problem.js';
import { generatorMessages as m } from '../core/messages/generators.js';

export interface ApprovalDecision {
  approved: boolean;
  /** The derived state (`approved`, `stale`, `draft`, …) or the approval check's verdict. */
  state: string;
  /** Why it may not be implemented (empty when approved). */
  problems: Problem[];
  /** The design's digest as it stands, when readable. */
  digest?: string;
}

export type ApprovalGate = (input: { repoRoot: string; env: NodeJS.ProcessEnv; designPath: string; text: string | undefined }) => Promise<ApprovalDecision>;

/** The design-state judgement: approved means an approval block whose digest matches (see SEAM above). */
export const derivedStateGate: ApprovalGate = async ({ designPath, text }) => {
  const result = designState(designPath, text);
  const base = result.digest === undefined ? {} : { digest: result.digest };
  if (result.state === 'approved') return { approved: true, state: 'approved', problems: [], ...base };
  return { approved: false, state: result.state, problems: [refusal(designPath, result.state)], ...base };
};

function refusal(file: string, state: DesignState | 'unverified'): Problem {
  return { file, ruleId: `generate-${state}-design`, severity: 'error', message: m.notApproved(file, state), fix: m.notApprovedFix(file, state) };
}

/** States of the approval check that let a session start. */
const VERIFIED: ReadonlySet<string> = new Set(['approved', 'approved-unsigned']);

/**
 * The approval check of `core/approval/` for one design: approved means verified evidence (an
 * `Approved-by` commit, signed when the config requires it, by a registered approver who did not
 * write the content), judged now against the trust root at HEAD.
 */
export const verifiedApprovalGate: ApprovalGate = async ({ repoRoot, env, designPath, text }) => {
  const derived = designState(designPath, text);
  const digest = derived.digest === undefined ? {} : { digest: derived.digest };
  if (derived.state !== 'approved') return { approved: false, state: derived.state, problems: [refusal(designPath, derived.state)], ...digest };
  const ws = await loadWorkspace({ cwd: repoRoot, env });
  const git = await openGit({ cwd: repoRoot, env });
  try {
    const result = await checkWorkspaceApprovals({
      ws,
      git,
      env,
      read: (p) => readFile(join(repoRoot, p), 'utf8').catch(() => undefined),
      now: new Date(),
      paths: [designPath],
    });
    const verdict = result.verdicts.find((v) => v.file === designPath);
    if (verdict !== undefined && VERIFIED.has(verdict.state)) return { approved: true, state: verdict.state, problems: [], ...digest };
    const problems = verdict?.problems.filter((p) => p.severity === 'error') ?? [];
    return {
      approved: false,
      state: verdict?.state ?? 'unverified',
      problems: problems.length > 0 ? problems : [refusal(designPath, 'unverified')],
      ...digest,
    };
  } finally {
    await git.close();
  }
};
