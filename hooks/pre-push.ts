/**
 * The pre-push gate: git sends one line per ref being pushed (`<local ref> <local sha> <remote ref>
 * <remote sha>`), several at once, in any refspec form (`git push origin x:y`). Deletions are
 * skipped; every other ref's new commits are verified as CI would (core/verify), with approvers and
 * keys read from what the remote already has. A new branch (remote sha all zeros) or a remote tip
 * this clone has not fetched is bounded by every remote-tracking ref: the commits no remote has yet.
 */
import { DesignGateError } from '../core/errors.js';
import type { GitAdapter } from '../core/git/types.js';
import { hookMessages as m } from '../core/messages/hooks.js';
import { sortProblems, uniqueProblems, type Problem } from '../core/problem.js';
import { readRangeLog } from '../core/verify/log.js';
import { prefetchApprovals, verifyCommits } from '../core/verify/verify.js';
import type { HookInput } from './types.js';

export interface PushedRef {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

const ZERO = /^0+$/;
const LINE = /^(\S+) ([0-9a-f]{40}|[0-9a-f]{64}) (\S+) ([0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Parses git's pre-push standard input; a line of any other shape is a USAGE error (exit 2, the push
 * is refused), never skipped.
 * @example parsePushLines('refs/heads/a 9fce… refs/heads/a 0000…\n') // [{ localRef: 'refs/heads/a', … }]
 */
export function parsePushLines(stdin: string): PushedRef[] {
  const refs: PushedRef[] = [];
  for (const raw of stdin.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const match = LINE.exec(line);
    if (match === null) throw new DesignGateError('USAGE', m.pushLineMalformed(line), { fix: m.pushLineMalformedFix });
    refs.push({ localRef: match[1]!, localSha: match[2]!, remoteRef: match[3]!, remoteSha: match[4]! });
  }
  return refs;
}

/**
 * @example const problems = await prePush({ git, repoRoot, env, args: ['origin', url], stdin })
 */
export async function prePush(input: HookInput): Promise<Problem[]> {
  const { git } = input;
  const ctx = { cwd: input.repoRoot, env: input.env };
  const problems: Problem[] = [];
  for (const ref of parsePushLines(input.stdin)) {
    if (ZERO.test(ref.localSha)) continue; // a deletion pushes no commits
    const base = await knownRemoteTip(git, ref.remoteSha);
    const revisions = base === undefined ? [ref.localSha, '--not', '--remotes'] : [ref.localSha, `^${base}`];
    if (base !== undefined) prefetchApprovals({ git, ctx, base, head: ref.localSha, ...(input.cacheKeyDir === undefined ? {} : { cacheKeyDir: input.cacheKeyDir }) });
    const log = await readRangeLog(ctx, revisions);
    if (log.length === 0) continue;
    // Without a known remote tip, the trusted base is where the new commits start: what a remote has.
    const trusted = base ?? log[0]!.parents[0];
    const result = await verifyCommits({
      git,
      ctx,
      base: trusted,
      head: ref.localSha,
      revisions,
      log,
      now: input.now ?? new Date(),
      ...(input.lint === undefined ? {} : { lint: input.lint }),
      ...(input.cacheKeyDir === undefined ? {} : { cacheKeyDir: input.cacheKeyDir }),
    });
    problems.push(...result.problems);
  }
  // Refs that share commits report the same findings once.
  return sortProblems(uniqueProblems(problems));
}

/** The remote's current tip when this clone has it, else undefined (a new branch, or not fetched). */
async function knownRemoteTip(git: GitAdapter, remoteSha: string): Promise<string | undefined> {
  if (ZERO.test(remoteSha)) return undefined;
  return git.resolve(remoteSha);
}
