/**
 * Turns `--base`/`--head` into a range that can be verified, or refuses (exit 2) — never a pass
 * over nothing. A shallow clone lacks commits and approval evidence; a base that is missing, equal
 * to the head, after it, or off its history leaves "which commits are new" undefined. Each refusal
 * says how to fix the checkout (`fetch-depth: 0`) or the arguments (reliability C11, C12, R8).
 */
import { shallowBoundary, type GitContext } from '../approval/history.js';
import { DesignGateError } from '../errors.js';
import { runGit } from '../git/cli.js';
import type { GitAdapter } from '../git/types.js';
import { hookMessages as m } from '../messages/hooks.js';
import { gitMessages } from '../messages/git.js';

export interface ResolvedRange {
  /** Full object ids. */
  base: string;
  head: string;
}

/**
 * @example await resolveRange(git, ctx, { base: 'origin/main', head: 'HEAD' }) // { base: '1f2e…', head: '9a8b…' }
 */
export async function resolveRange(git: GitAdapter, ctx: GitContext, names: { base: string; head: string }): Promise<ResolvedRange> {
  const range = await resolveEnds(git, ctx, names);
  await checkAncestry(ctx, range, names);
  return range;
}

/**
 * The first half of `resolveRange`: not shallow, both ends resolve, and differ. The caller may start
 * reading the range while `checkAncestry` runs (verify does: merge-base takes as long as a short log).
 */
export async function resolveEnds(git: GitAdapter, ctx: GitContext, names: { base: string; head: string }): Promise<ResolvedRange> {
  // The approval check asks the same rev-parse for the shallow boundary; one process answers both.
  const [boundary, base, head] = await Promise.all([shallowBoundary(ctx), git.resolve(names.base), git.resolve(names.head)]);
  if (boundary !== undefined) throw new DesignGateError('GIT', m.shallow, { fix: m.shallowFix });
  if (base === undefined) throw new DesignGateError('GIT', m.baseNotFound(names.base), { fix: m.baseNotFoundFix(names.base) });
  if (head === undefined) throw new DesignGateError('GIT', m.headNotFound(names.head), { fix: m.headNotFoundFix });
  if (base === head) throw new DesignGateError('USAGE', m.emptyRange(names.base, names.head), { fix: m.emptyRangeFix });
  return { base, head };
}

/** The second half: the base is an ancestor of the head (else inverted, or unrelated). */
export async function checkAncestry(ctx: GitContext, range: ResolvedRange, names: { base: string; head: string }): Promise<void> {
  if (await isAncestor(ctx, range.base, range.head)) return;
  if (await isAncestor(ctx, range.head, range.base)) throw new DesignGateError('USAGE', m.invertedRange(names.base, names.head), { fix: m.invertedRangeFix });
  throw new DesignGateError('GIT', m.notAncestor(names.base, names.head), { fix: m.notAncestorFix(names.base) });
}

/** `git merge-base --is-ancestor`: exit 0 yes, 1 no, anything else is an error. */
export async function isAncestor(ctx: GitContext, ancestor: string, descendant: string): Promise<boolean> {
  const args = ['merge-base', '--is-ancestor', ancestor, descendant];
  const result = await runGit({ cwd: ctx.cwd, env: { ...ctx.env, GIT_OPTIONAL_LOCKS: '0' } }, args);
  if (result.code === 0) return true;
  if (result.code === 1) return false;
  const detail = result.stderr.trim().split('\n')[0] || `exit ${result.code}`;
  throw new DesignGateError('GIT', gitMessages.commandFailed(args.join(' '), detail), { fix: gitMessages.commandFailedFix(args.join(' ')) });
}
