/**
 * The commit-msg gate: a commit that adds or changes approval blocks must carry an `Approved-by`
 * trailer for each approver it adds, be committed by that approver, and change nothing but approval
 * blocks; an `Approved-by` trailer that approves nothing is refused too. It reads the message file
 * git passes and the staged set (GIT_INDEX_FILE honoured), and writes nothing. For a merge, what
 * the commit takes unchanged from a merged parent is not its own change.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DesignGateError } from '../core/errors.js';
import { runGit } from '../core/git/cli.js';
import { hookMessages as m } from '../core/messages/hooks.js';
import { sortProblems, type Problem } from '../core/problem.js';
import type { DesignEdit } from '../core/verify/approval-commit.js';
import { classifyPath, committedFirst } from '../core/verify/governing.js';
import { mergeHeads } from './pre-merge-commit.js';
import type { HookInput } from './types.js';

/**
 * @example const problems = await commitMsg({ git, repoRoot, env, args: ['.git/COMMIT_EDITMSG'], stdin: '' })
 */
export async function commitMsg(input: HookInput): Promise<Problem[]> {
  const file = input.args[0];
  if (file === undefined) throw new DesignGateError('USAGE', m.commitMsgNeedsFile, { fix: m.commitMsgNeedsFileFix });
  let message: string;
  try {
    message = await readFile(resolve(input.repoRoot, file), 'utf8');
  } catch (error) {
    throw new DesignGateError('IO', m.commitMsgUnreadable(file), { fix: m.commitMsgNeedsFileFix, cause: error });
  }
  const { git } = input;
  // A merge's other parents: what the commit takes from them unchanged is not its own edit.
  const [head, ...merged] = await mergeHeads(git, input.env);
  const locate = committedFirst(input.repoRoot, git, head);
  const root = await locate('.designrc.json');
  const changes = await git.stagedChanges();
  const edits: DesignEdit[] = [];
  const other: string[] = [];
  const designAt = async (path: string) => {
    const hit = await classifyPath(locate, path);
    return hit !== undefined && (hit.role === 'design' || hit.role === 'architecture') ? hit.governing.config.gates.approval : undefined;
  };
  const before = async (path: string) => (head === undefined ? undefined : (await git.readAt(head, path))?.toString('utf8'));
  const fromMerged = async (path: string, after: string | undefined) => {
    for (const parent of merged) if ((await git.readAt(parent, path))?.toString('utf8') === after) return true;
    return false;
  };
  for (const change of changes) {
    const paths = change.status === 'R' && change.oldPath !== undefined ? [change.oldPath, change.path] : [change.path];
    for (const path of paths) {
      const gone = change.status === 'D' || path === change.oldPath;
      const after = gone ? undefined : (await git.readStaged(path))?.toString('utf8');
      if (merged.length > 0 && (await fromMerged(path, after))) continue;
      const gate = await designAt(path);
      if (gate === undefined) other.push(path);
      else edits.push({ path, before: await before(path), after, gate });
    }
  }
  // No config governs the repository and no design changes: designgate is not in use here.
  if (root === undefined && edits.length === 0) return [];
  // The common commit (code, no design, no trailer) has nothing to check: skip loading YAML.
  if (edits.length === 0 && !/^approved-by\s*:/im.test(message)) return [];
  const { checkApprovalCommit, addedApprovers } = await import('../core/verify/approval-commit.js');
  const { factsOf } = await import('../core/approval/evidence.js');
  // What HEAD itself approved, in case this commit is its amend (see `amendable`).
  const amendable: string[] = [];
  if (head !== undefined && merged.length === 0) {
    const commit = await git.readCommit(head);
    const parent = commit.parents[0];
    for (const change of await git.commitChanges(head)) {
      if ((await designAt(change.path)) === undefined) continue;
      const was = parent === undefined ? undefined : (await git.readAt(parent, change.path))?.toString('utf8');
      const now = (await git.readStaged(change.path))?.toString('utf8');
      amendable.push(...addedApprovers(was === undefined ? undefined : factsOf(change.path, was), now === undefined ? undefined : factsOf(change.path, now)));
    }
  }
  return sortProblems(
    checkApprovalCommit({
      message,
      messageFile: file,
      committerEmail: await committerEmail(input),
      designEdits: edits,
      otherPaths: other,
      messageGate: edits[0]?.gate ?? root?.config.gates.approval ?? 'error',
      amendable,
    }),
  );
}

/** The committer of the commit being made, as git will record it (`git var GIT_COMMITTER_IDENT`). */
async function committerEmail(input: HookInput): Promise<string | undefined> {
  const result = await runGit({ cwd: input.repoRoot, env: input.env }, ['var', 'GIT_COMMITTER_IDENT']);
  if (result.code !== 0) return undefined;
  return /<([^>]*)>/.exec(result.stdout.toString('utf8'))?.[1];
}
