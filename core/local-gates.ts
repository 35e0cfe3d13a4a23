/**
 * The gates `check` and `status` run on the work tree, in one place so both agree: the structural
 * gate, the approval gate (derived, verified states: the `status` field is never trusted), and,
 * for `check`, Gate 1, boundary drift and design ↔ test alignment. Returns data; never prints.
 */
import type { Problem } from './problem.js';
import { sortProblems } from './problem.js';
import { checkStructure, type ComponentStatus, type ReadText } from './structure.js';
import type { Workspace } from './workspace.js';
import type { ApprovalVerdict } from './approval/check.js';

export interface LocalGateOptions {
  env: NodeJS.ProcessEnv;
  /** When the check runs (key validity is judged now). */
  now: Date;
  paths?: readonly string[];
  /** Run Gate 1, boundary drift and design ↔ test alignment too (check does; status does not, to stay fast). */
  architecture: boolean;
  /** The user's cache folder for the evidence cache's key; without it nothing is cached. */
  cacheKeyDir?: string;
}

export interface LocalGateResult {
  components: ComponentStatus[];
  /** Approval verdicts by repository path of the design. */
  approvals: Map<string, ApprovalVerdict>;
  problems: Problem[];
  /** The adoption baseline's entries. */
  baseline: string[];
}

/**
 * Whether any design (or architecture document) of these configs has an approval block or says
 * `status: approved`. Without one, every verdict would be a plain draft with nothing to report,
 * so the evidence walk through the history — the slow part — is skipped.
 */
async function anyApprovalClaimed(ws: Workspace, components: readonly ComponentStatus[], read: ReadText): Promise<boolean> {
  // Every existing design is some component's (a design without code is one too).
  const inScope = (file: string) => ws.groups.some((g) => file.startsWith(g.prefix));
  if (components.some((c) => inScope(c.design) && (c.state.approvedDigest !== undefined || c.state.state === 'stale' || c.state.claimsApproved === true))) {
    return true;
  }
  for (const group of ws.groups) {
    if (group.config.architecture === undefined) continue;
    const text = await read(group.prefix + group.config.architecture);
    if (text !== undefined && /^(approval:|status:\s*approved\b)/m.test(text)) return true;
  }
  return false;
}

/** @example const { components, approvals, problems } = await runLocalGates(ws, read, { env, now: new Date(), architecture: true }) */
export async function runLocalGates(ws: Workspace, read: ReadText, options: LocalGateOptions): Promise<LocalGateResult> {
  const scope = options.paths === undefined ? {} : { paths: options.paths };
  const structure = await checkStructure(ws, read, scope);
  const problems = [...structure.problems];
  const approvals = new Map<string, ApprovalVerdict>();

  // Configs whose approval gate is off show the digest-derived state only; with none left, git is
  // not even opened. (Locally this follows the work tree's config; `verify` in CI reads the gate
  // from the trusted base, so switching it off in a change gains nothing there.)
  const enforced = { ...ws, groups: ws.groups.filter((g) => g.config.gates.approval !== 'off') };
  if (enforced.groups.length > 0 && (await anyApprovalClaimed(enforced, structure.components, read))) {
    // Loaded only when there is an approval to judge: status on a repository of drafts stays light.
    const [{ openGit }, { checkWorkspaceApprovals }] = await Promise.all([import('./git/index.js'), import('./approval/gate.js')]);
    const git = await openGit({ cwd: ws.repoRoot, env: options.env });
    try {
      const result = await checkWorkspaceApprovals({
        ws: enforced,
        git,
        env: options.env,
        read,
        now: options.now,
        ...scope,
        ...(options.cacheKeyDir === undefined ? {} : { cacheKeyDir: options.cacheKeyDir }),
      });
      for (const v of result.verdicts) approvals.set(v.file, v);
      problems.push(...result.problems);
    } finally {
      await git.close();
    }
  }

  if (options.architecture) {
    const [{ checkGate1 }, { checkBoundaries }, { checkSuspect }] = await Promise.all([
      import('./architecture/gate1.js'),
      import('./boundaries/drift.js'),
      import('./architecture/suspect.js'),
    ]);
    for (const group of ws.groups) {
      const gate1 = await checkGate1(group, read, scope);
      problems.push(...gate1.problems);
      problems.push(...(await checkBoundaries(group, read, { ...scope, ...(gate1.architecture ? { architecture: gate1.architecture } : {}) })));
      problems.push(...(await checkSuspect(group, read, { ...scope, architecture: gate1.architecture })));
    }
    const { alignComponents } = await import('./alignment/check.js');
    problems.push(...(await alignComponents(ws, structure.components, read)));
  }
  return { components: structure.components, approvals, problems: sortProblems(problems), baseline: structure.baseline };
}
