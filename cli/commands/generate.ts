/**
 * `designgate generate code <design>`, `generate design <code-path|context>` and `generate
 * architecture`: sessions on a local Ollama model (generators/). A context drafts every design of
 * its code files that has none, one session each, with one summary (cli/design-batch.ts). Exit 0
 * when the session succeeded, 1 when the design may not be implemented (draft, stale, unverified),
 * 2 for usage and setup problems (the session, if it started, can be resumed), 3 when a session
 * escalated to a person.
 */
import type { Command, Io } from '../command.js';
import { DesignGateError } from '../../core/errors.js';
import { findRepoRoot } from '../../core/git/worktree.js';
import { loadWorkspace } from '../../core/workspace.js';
import type { Problem } from '../../core/problem.js';
import { workspaceMessages } from '../../core/messages/workspace.js';
import { generatorMessages as m } from '../../core/messages/generators.js';
import { draftingMessages as d } from '../../core/messages/drafting.js';
import { toRepoRelative } from '../paths.js';
import { formatProblemsText } from '../format/problems.js';
import { EXIT } from '../exit.js';
import type { SessionWorld } from '../../generators/code-session.js';
import type { DesignWorld, LintDesigns } from '../../generators/design-session.js';

export const command: Command = {
  name: 'generate',
  usage: [
    'designgate generate code <design> [--force] [--dry-run] [--wait <seconds>] [--json]',
    'designgate generate design <code-path|context> [--revise] [--dry-run] [--wait <seconds>] [--json]',
    'designgate generate architecture [--revise] [--dry-run] [--json]',
  ],
  options: {
    force: { type: 'boolean', description: 'code: overwrite a code or test file with uncommitted edits (a backup is kept in the session)' },
    revise: { type: 'boolean', description: 'design, architecture: draft a new version of what exists, approved or not (it needs approval again)' },
    'dry-run': { type: 'boolean', description: 'print the prompt and its token estimate; contact no model, write nothing' },
    wait: { type: 'string', description: 'wait up to this many seconds for another session on the same component (default: refuse at once)' },
    json: { type: 'boolean', description: 'print the result as JSON' },
  },
  details: m.generateDetails,
  async run(io, { positionals, values }) {
    const [kind, target, ...rest] = positionals;
    const architecture = kind === 'architecture' && target === undefined;
    if (!architecture && ((kind !== 'code' && kind !== 'design') || target === undefined || rest.length > 0)) {
      throw new DesignGateError('USAGE', m.generateUsage, { fix: m.generateUsageFix });
    }
    const repoRoot = await findRepoRoot(io.cwd, io.env);
    if (repoRoot === undefined) throw new DesignGateError('GIT', workspaceMessages.notARepository(io.cwd), { fix: workspaceMessages.notARepositoryFix });
    const json = values['json'] === true;
    const dryRun = values['dry-run'] === true;
    const revise = values['revise'] === true;
    const lockWaitMs = parseWait(values['wait']);
    if (architecture) return generateArchitecture(io, repoRoot, { json, dryRun, revise, lockWaitMs });
    const path = toRepoRelative(repoRoot, io.cwd, target!);
    if (kind === 'design') {
      const { contextTargets, isComponentPath } = await import('../../generators/design-batch.js');
      if (!isComponentPath(repoRoot, path)) {
        // Not a component's file: the name of an architecture context, drafted whole for batch review.
        const { targets } = await contextTargets({ repoRoot, env: io.env, name: target! });
        const { runDesignBatchCommand } = await import('../design-batch.js');
        return runDesignBatchCommand(io, { repoRoot, env: io.env, targets, revise }, { label: d.batchContext(target!), json, dryRun, ...(lockWaitMs === undefined ? {} : { lockWaitMs }) });
      }
    }
    const world = await worldFor(io, repoRoot, lockWaitMs, json);
    if (kind === 'code') {
      const { dryRunCodeSession, startCodeSession } = await import('../../generators/code-session.js');
      const request = { repoRoot, env: io.env, designPath: path, force: values['force'] === true };
      if (dryRun) {
        const dry = await dryRunCodeSession(request, world);
        if (dry.status === 'refused') return refused(io, dry.problems, json);
        return printDryRun(io, dry, json);
      }
      const result = await startCodeSession(request, world);
      if (result.status === 'refused') return refused(io, result.problems, json);
      if (json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      else io.stdout(m.codeSucceeded(result.written, path, result.attempts, result.sessionId, result.testsLocked ? result.testPath : undefined));
      return EXIT.ok;
    }
    const { dryRunDesignSession, startDesignSession } = await import('../../generators/design-session.js');
    const request = { repoRoot, env: io.env, target: path, revise };
    if (dryRun) return printDryRun(io, await dryRunDesignSession(request, world), json);
    const result = await startDesignSession(request, world);
    if (json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else io.stdout(m.designSucceeded(result.designPath, result.writtenTo, result.attempts, result.sessionId));
    return EXIT.ok;
  },
};

async function generateArchitecture(io: Io, repoRoot: string, o: { json: boolean; dryRun: boolean; revise: boolean; lockWaitMs: number | undefined }): Promise<number> {
  const { dryRunArchitectureSession, startArchitectureSession } = await import('../../generators/architecture-session.js');
  const world = await worldFor(io, repoRoot, o.lockWaitMs, o.json);
  const request = { repoRoot, env: io.env, scope: toRepoRelative(repoRoot, io.cwd, '.'), revise: o.revise };
  if (o.dryRun) return printDryRun(io, await dryRunArchitectureSession(request, world), o.json);
  const result = await startArchitectureSession(request, world);
  if (o.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else io.stdout(d.architectureSucceeded(result.architecturePath, result.contexts, result.attempts, result.sessionId));
  return EXIT.ok;
}

/** A session's first prompt and its token estimate, as text or JSON. */
function printDryRun(io: Io, dry: { system: string; prompt: string; tokens: number; model?: string; host?: string }, json: boolean): number {
  if (json) io.stdout(`${JSON.stringify(dry, null, 2)}\n`);
  else io.stdout(`${m.dryRunHeader('system')}\n${dry.system}\n${m.dryRunHeader('prompt')}\n${dry.prompt}\n${m.dryRunTokens(dry.tokens, dry.model, dry.host)}\n`);
  return EXIT.ok;
}

function parseWait(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (typeof value !== 'string' || !Number.isFinite(seconds) || seconds < 0) throw new DesignGateError('USAGE', m.badWait(String(value)), { fix: m.badWaitFix });
  return seconds * 1000;
}

function refused(io: Io, problems: readonly Problem[], json: boolean): number {
  if (json) io.stdout(`${JSON.stringify({ status: 'refused', problems }, null, 2)}\n`);
  else io.stderr(formatProblemsText(problems, io.color));
  return EXIT.gateFailed;
}

/**
 * The world sessions get from the command line: the verified approval check, the design lint
 * rules, and progress on stderr when stderr's user is at a terminal (never in CI or with --json).
 */
export async function worldFor(io: Io, repoRoot: string, lockWaitMs: number | undefined, json: boolean): Promise<SessionWorld & DesignWorld> {
  const [{ verifiedApprovalGate }, { progressReporter }] = await Promise.all([import('../../generators/approval-gate.js'), import('../../generators/progress.js')]);
  const interactive = io.color && !json && io.env['CI'] === undefined;
  return {
    approval: verifiedApprovalGate,
    lint: designLinter(io, repoRoot),
    onEvent: progressReporter(io.stderr, interactive),
    ...(lockWaitMs === undefined ? {} : { lockWaitMs }),
  };
}

/** The design lint rules over drafts in memory, with the facts of the config that governs each. */
function designLinter(io: Io, repoRoot: string): LintDesigns {
  return async (files) => {
    const [{ lintFiles }, { optionsFromConfig, gatherFacts }, { readFile }, { join }] = await Promise.all([
      import('../../lint-rules/run.js'),
      import('../../lint-rules/support/options.js'),
      import('node:fs/promises'),
      import('node:path'),
    ]);
    const ws = await loadWorkspace({ cwd: repoRoot, env: io.env });
    const groups = [...ws.groups].sort((a, b) => b.prefix.length - a.prefix.length);
    const problems: Problem[] = [];
    for (const file of files) {
      const group = groups.find((g) => file.path.startsWith(g.prefix));
      if (group === undefined) continue;
      const base = optionsFromConfig(group.config, { repoPrefix: group.prefix });
      const local = file.path.slice(group.prefix.length);
      const facts = await gatherFacts(base, [...new Set([...group.files, local])], (p) => readFile(join(group.config.root, p), 'utf8').catch(() => undefined));
      problems.push(...(await lintFiles([{ path: local, text: file.text }], { ...base, ...facts })));
    }
    return problems;
  };
}
