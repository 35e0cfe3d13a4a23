/**
 * The pre-merge-commit gate: a clean `git merge` runs this hook and not pre-commit (githooks(5)),
 * so merging a branch that brings unapproved code would otherwise pass locally. It is the staged
 * gate over the merge result, with approvals looked up on either side of the merge: a design
 * approved on the merged branch has its evidence in that branch's history, not HEAD's. Approvers
 * and keys are read from HEAD, the branch being merged into.
 *
 * git writes MERGE_HEAD only after this hook (for a merge it then refuses), so the merged commits
 * are found where git does leave them: the revisions named in GIT_REFLOG_ACTION (`merge feature`),
 * and FETCH_HEAD when that action is a `git pull`.
 */
import type { GitAdapter } from '../core/git/types.js';
import type { Problem } from '../core/problem.js';
import { checkStaged } from './pre-commit.js';
import type { HookInput } from './types.js';

/**
 * @example const problems = await preMergeCommit({ git, repoRoot, env, args: [], stdin: '' })
 */
export async function preMergeCommit(input: HookInput): Promise<Problem[]> {
  return checkStaged(input, await mergeHeads(input.git, input.env));
}

/**
 * HEAD first (the trusted side), then every commit the merge may bring in, each once.
 * @example await mergeHeads(git, { GIT_REFLOG_ACTION: 'merge feature' }) // [headOid, featureOid]
 */
export async function mergeHeads(git: GitAdapter, env: NodeJS.ProcessEnv): Promise<string[]> {
  const names = ['HEAD', 'MERGE_HEAD'];
  const action = env['GIT_REFLOG_ACTION'] ?? '';
  if (/^merge /.test(action)) names.push(...action.slice('merge '.length).split(/\s+/).filter((t) => t !== '' && !t.startsWith('-')));
  if (/^pull\b/.test(action)) names.push('FETCH_HEAD');
  const heads: string[] = [];
  for (const name of names) {
    const oid = await git.resolve(name);
    if (oid !== undefined && !heads.includes(oid)) heads.push(oid);
  }
  return heads;
}
