/**
 * The command-line side of a batch of design sessions (`generate design <context>`, and
 * `adopt --draft` through cli/adopt-draft.ts): runs them, or with `--dry-run` prints each prompt and
 * its token estimate without contacting the model, and prints one summary at the end. Exit 0 when
 * every design was drafted or skipped, 3 when one escalated (the others are still drafted), 2 when
 * a target was refused; a run stopped by a setup problem prints what it did and exits as that
 * problem does (running it again resumes).
 */
import type { Io } from './command.js';
import { DesignGateError } from '../core/errors.js';
import { generatorMessages as g } from '../core/messages/generators.js';
import { draftingMessages as m } from '../core/messages/drafting.js';
import { EXIT, exitCodeFor } from './exit.js';
import type { BatchItem, DesignBatchRequest, DesignBatchResult } from '../generators/design-batch.js';

export interface BatchOptions {
  /** What the summary calls the run: `context core`, `adopt --draft`. */
  label: string;
  json: boolean;
  dryRun: boolean;
  lockWaitMs?: number;
}

/** Runs (or dry-runs) the batch and prints it; returns the exit code. */
export async function runDesignBatchCommand(io: Io, request: DesignBatchRequest, options: BatchOptions): Promise<number> {
  const [{ worldFor }, batch] = await Promise.all([import('./commands/generate.js'), import('../generators/design-batch.js')]);
  const world = await worldFor(io, request.repoRoot, options.lockWaitMs, options.json);
  if (options.dryRun) return dryRun(io, request, options, world);
  const result = await batch.runDesignBatch(request, world);
  if (options.json) {
    const stopped = result.stopped === undefined ? {} : { stopped: { codePath: result.stopped.codePath, message: result.stopped.error.message, fix: result.stopped.error.fix ?? null } };
    io.stdout(`${JSON.stringify({ label: options.label, items: result.items, ...stopped }, null, 2)}\n`);
  } else {
    io.stdout(formatBatch(options.label, result, request.reverse === true));
  }
  if (result.stopped !== undefined) {
    if (options.json) return exitCodeFor(result.stopped.error.code);
    throw result.stopped.error;
  }
  return batchExit(result.items);
}

/** 3 when a design escalated, else 2 when a target was refused, else 0. */
export function batchExit(items: readonly BatchItem[]): number {
  if (items.some((i) => i.outcome === 'escalated')) return EXIT.escalated;
  if (items.some((i) => i.outcome === 'refused')) return EXIT.usage;
  return EXIT.ok;
}

/**
 * The summary: one line per design with what happened to it, then the next step.
 * @example formatBatch('context math', { items: [{ outcome: 'skipped', codePath: 'src/a.mjs', designPath: 'docs/design/a.md' }] }, false)
 */
export function formatBatch(label: string, result: DesignBatchResult, reverse: boolean): string {
  const lines = [m.batchHeader(label, result.items.length + (result.stopped === undefined ? 0 : 1))];
  for (const item of result.items) {
    switch (item.outcome) {
      case 'drafted':
        if (item.writtenTo === item.designPath) lines.push(m.batchItem('drafted', item.designPath, m.batchDrafted(item.attempts, item.sessionId)));
        else lines.push(m.batchItem('proposed', item.designPath, m.batchProposed(item.writtenTo)));
        break;
      case 'skipped':
        lines.push(m.batchItem('skipped', item.designPath, reverse ? m.batchExistsAdopt : m.batchExists));
        break;
      case 'escalated':
        lines.push(m.batchItem('escalated', item.designPath, m.batchEscalated(item.report)));
        break;
      case 'refused':
        lines.push(m.batchItem('refused', item.designPath ?? item.codePath, item.message));
        break;
    }
  }
  if (result.stopped !== undefined) lines.push(m.batchItem('stopped', result.stopped.codePath, m.batchStopped(result.stopped.codePath)));
  lines.push(m.batchNext(result.items.filter((i) => i.outcome === 'drafted').length));
  return `${lines.join('\n')}\n`;
}

async function dryRun(io: Io, request: DesignBatchRequest, options: BatchOptions, world: Parameters<typeof import('../generators/design-session.js').dryRunDesignSession>[1]): Promise<number> {
  const [{ dryRunDesignSession }, { designOf, sessionRequest, skips }] = await Promise.all([import('../generators/design-session.js'), import('../generators/design-batch.js')]);
  const runs: Array<{ codePath: string; designPath?: string; skipped?: true; system?: string; prompt?: string; tokens?: number; refused?: string }> = [];
  for (const codePath of request.targets) {
    const designPath = designOf(request.repoRoot, codePath);
    if (await skips(request, designPath)) {
      runs.push({ codePath, designPath: designPath!, skipped: true });
      continue;
    }
    try {
      const dry = await dryRunDesignSession(sessionRequest(request, codePath), world);
      runs.push({ codePath, designPath: dry.designPath, system: dry.system, prompt: dry.prompt, tokens: dry.tokens });
    } catch (error) {
      if (!(error instanceof DesignGateError) || error.code !== 'USAGE') throw error;
      runs.push({ codePath, ...(designPath === undefined ? {} : { designPath }), refused: error.message });
    }
  }
  if (options.json) {
    io.stdout(`${JSON.stringify({ status: 'dry-run', label: options.label, designs: runs }, null, 2)}\n`);
    return EXIT.ok;
  }
  const out: string[] = [m.batchHeader(options.label, runs.length)];
  for (const run of runs) {
    const path = run.designPath ?? run.codePath;
    if (run.skipped === true) out.push(m.batchItem('skipped', path, request.reverse === true ? m.batchExistsAdopt : m.batchExists));
    else if (run.refused !== undefined) out.push(m.batchItem('refused', path, run.refused));
    else out.push(`${g.dryRunHeader(`${path}: system`)}\n${run.system}\n${g.dryRunHeader(`${path}: prompt`)}\n${run.prompt}\n${g.dryRunTokens(run.tokens ?? 0)}`);
  }
  io.stdout(`${out.join('\n')}\n`);
  return EXIT.ok;
}
