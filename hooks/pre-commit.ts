/**
 * The pre-commit gate: judges what the commit would contain — the staged set and the staged blobs,
 * read through GIT_INDEX_FILE (so `git commit -a` and `git commit <path>` are judged too), never the
 * work tree. Each staged code or test file needs its design (and code its test) in the index, and
 * that design approved, not stale, verified and already committed in HEAD (approval before
 * implementation); staged design documents must pass the lint rules, and staged designs and tests
 * their alignment (scenarios ↔ test names); a deleted design or test whose
 * code remains is refused. It only reads: the index and the work tree are never written, so a
 * refused commit leaves everything (a partially staged file included) exactly as it was. Code files
 * of the adoption baseline committed in HEAD need no design (and no test) yet.
 */
import type { GitAdapter } from '../core/git/types.js';
import { alignChanged } from '../core/alignment/changed.js';
import { sortProblems, type Problem } from '../core/problem.js';
import { baselineAt } from '../core/baseline/format.js';
import { committedFirst } from '../core/verify/governing.js';
import { checkArchitectureGates } from '../core/verify/architecture-gates.js';
import { checkSnapshot, lintDocuments, type DesignNeed } from '../core/verify/snapshot.js';
import type { HookInput } from './types.js';

/**
 * @example const problems = await preCommit({ git, repoRoot, env, args: [], stdin: '' })
 */
export async function preCommit(input: HookInput): Promise<Problem[]> {
  // Concluding a merge that stopped (conflicts, --no-commit) runs pre-commit with MERGE_HEAD set.
  const heads = await Promise.all([input.git.resolve('HEAD'), input.git.resolve('MERGE_HEAD')]);
  return checkStaged(input, heads[0] === undefined ? [] : heads.filter((h): h is string => h !== undefined));
}

/**
 * The staged gate with the commits whose history may hold the approvals, in order of preference:
 * [HEAD] for a commit; [HEAD, MERGE_HEAD] for a merge, whose designs may come from either side.
 * A design is looked up in the first head that has it exactly as staged; approvers and keys are
 * always read from the first (the branch being committed to).
 */
export async function checkStaged(input: HookInput, heads: readonly string[]): Promise<Problem[]> {
  const { git } = input;
  const changes = await git.stagedChanges();
  if (changes.length === 0) return [];
  const trusted = heads[0];
  const locate = committedFirst(input.repoRoot, git, trusted);
  // The committed baseline is the trust: staging an edit of it exempts nothing until it is committed
  // (and verify reads it from the base, where growing it needs an approver).
  const baselined = trusted === undefined ? new Set<string>() : new Set((await baselineAt(git, trusted)).files);
  const findings = await checkSnapshot({ changes, read: (p) => git.readStaged(p), locate, baselined });

  const evidence = new Map<DesignNeed, string | undefined>();
  for (const need of findings.needs) evidence.set(need, await evidenceHead(git, heads, need));
  const read = (p: string) => git.readStaged(p);
  // The index's file list, read once for the lint rules and the architecture gates.
  let listing: Promise<string[]> | undefined;
  const list = () => (listing ??= git.listFiles());
  // The checks below are independent and read through the same cat-file process: run together, the
  // approval check's history walk (a git process) overlaps the parsing the other checks do.
  const [approvals, lint, alignment, architecture] = await Promise.all([
    // The approval check (history, signatures) is loaded only when a staged file relies on a design.
    findings.needs.length === 0
      ? { problems: [] }
      : import('../core/verify/approvals.js').then(({ checkDesignApprovals }) =>
          checkDesignApprovals({
            git,
            ctx: { cwd: input.repoRoot, env: input.env },
            needs: findings.needs,
            trustRev: trusted,
            evidenceHead: (need) => evidence.get(need),
            now: input.now ?? new Date(),
            ...(input.cacheKeyDir === undefined ? {} : { cacheKeyDir: input.cacheKeyDir }),
          }),
        ),
    lintDocuments(input.lint, findings.documents, { list, read }),
    // Staged designs and tests: their scenarios and test names must still match, read from the index.
    alignChanged({ paths: changes.map((c) => c.path), read, locate }),
    // Gate 1, boundary drift and suspect designs for the staged files, judged by the index's architecture.
    checkArchitectureGates({ changes, read, locate, list }),
  ]);
  return sortProblems([...findings.problems, ...approvals.problems, ...lint, ...alignment, ...architecture]);
}

async function evidenceHead(git: GitAdapter, heads: readonly string[], need: DesignNeed): Promise<string | undefined> {
  if (heads.length <= 1) return heads[0];
  for (const head of heads) {
    if ((await git.readAt(head, need.design))?.toString('utf8') === need.text) return head;
  }
  return heads[0];
}
