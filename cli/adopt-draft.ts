/**
 * `designgate adopt --draft`, the drafting half: reverse designs of existing code files for human
 * review, so a brownfield code base can move files out of its adoption baseline one reviewed design
 * at a time. The adopt command decides which files (those its baseline lists, or those named) and
 * calls `runAdoptDraft`; each design is drafted from its code by a design session with the
 * reverse-design prompts, checked by the lint rules, and written as `status: draft` — never over
 * an existing design, never outside the design path the mapping gives the file.
 */
import type { Io } from './command.js';
import { DesignGateError } from '../core/errors.js';
import { findRepoRoot } from '../core/git/worktree.js';
import { workspaceMessages } from '../core/messages/workspace.js';
import { draftingMessages as m } from '../core/messages/drafting.js';
import { toRepoRelative } from './paths.js';
import { runDesignBatchCommand } from './design-batch.js';

export interface AdoptDraftOptions {
  /** Print the summary (or the dry run) as JSON. */
  json?: boolean;
  /** Print each prompt and its token estimate; contact no model, write nothing. */
  dryRun?: boolean;
  /** How long to wait for another session holding one of the designs (default: refuse at once). */
  lockWaitMs?: number;
}

/**
 * Drafts the designs of `codePaths` (as the user typed them, relative to `io.cwd`) and prints one
 * summary; returns the exit code (0 drafted or skipped, 2 a path refused, 3 a design escalated).
 * @example await runAdoptDraft(io, ['lib/app/accounts.ex'], { json: false })
 */
export async function runAdoptDraft(io: Io, codePaths: readonly string[], options: AdoptDraftOptions = {}): Promise<number> {
  const repoRoot = await findRepoRoot(io.cwd, io.env);
  if (repoRoot === undefined) throw new DesignGateError('GIT', workspaceMessages.notARepository(io.cwd), { fix: workspaceMessages.notARepositoryFix });
  const targets = codePaths.map((p) => toRepoRelative(repoRoot, io.cwd, p));
  return runDesignBatchCommand(
    io,
    { repoRoot, env: io.env, targets, reverse: true },
    { label: m.batchAdopt, json: options.json === true, dryRun: options.dryRun === true, ...(options.lockWaitMs === undefined ? {} : { lockWaitMs: options.lockWaitMs }) },
  );
}
