/**
 * `designgate generate code <design>` and `designgate generate design <code-path>`: sessions on a
 * local Ollama model (generators/). Exit 0 when the session succeeded, 1 when the design may not be
 * implemented (draft, stale, unverified), 2 for usage and setup problems (the session, if it
 * started, can be resumed), 3 when the session escalated to a person.
 */
import type { Command, Io } from '../command.js';
import { DesignGateError } from '../../core/errors.js';
import { findRepoRoot } from '../../core/git/worktree.js';
import { loadWorkspace } from '../../core/workspace.js';
import type { Problem } from '../../core/problem.js';
import { workspaceMessages } from '../../core/messages/workspace.js';
import { generatorMessages as m } from '../../core/messages/generators.js';
import { toRepoRelative } from '../paths.js';
import { formatProblemsText } from '../format/problems.js';
import { EXIT } from '../exit.js';
import type { SessionWorld } from '../../generators/code-session.js';
import type { DesignWorld, LintDesigns } from '../../generators/design-session.js';

export const command: Command = {
  name: 'generate',
  usage: ['designgate generate code <design> [--force] [--dry-run] [--wait <seconds>] [--json]', 'designgate generate design <code-path> [--revise] [--dry-run] [--json]'],
  options: {
    force: { type: 'boolean', description: 'code: overwrite a code or test file with uncommitted edits (a backup is kept in the session)' },
    revise: { type: 'boolean', description: 'design: draft a new version of an existing design, approved or not (it needs approval again)' },
    'dry-run': { type: 'boolean', description: 'print the prompt and its token estimate; contact no model, write nothing' },
    wait: { type: 'string', description: 'wait up to this many seconds for another session on the same component (default: refuse at once)' },
    json: { type: 'boolean', description: 'print the result as JSON' },
  },
  details: m.generateDetails,
  async run(io, { positionals, values }) {
    const [kind, target, ...rest] = positionals;
    if ((kind !== 'code' && kind !== 'design') || target === undefined || rest.length > 0) {
      throw new DesignGateError('USAGE', m.generateUsage, { fix: m.generateUsageFix });
    }
    const repoRoot = await findRepoRoot(io.cwd, io.env);
    if (repoRoot === undefined) throw new DesignGateError('GIT', workspaceMessages.notARepository(io.cwd), { fix: workspaceMessages.notARepositoryFix });
    const path = toRepoRelative(repoRoot, io.cwd, target);
    const json = values['json'] === true;
    const dryRun = values['dry-run'] === true;
    const world = await worldFor(io, repoRoot, parseWait(values['wait']), json);
    if (kind === 'code') {
      const { dryRunCodeSession, startCodeSession } = await import('../../generators/code-session.js');
      const request = { repoRoot, env: io.env, designPath: path, force: values['force'] === true };
      if (dryRun) {
        const dry = await dryRunCodeSession(request, world);
        if (dry.status === 'refused') return refused(io, dry.problems, json);
        if (json) io.stdout(`${JSON.stringify(dry, null, 2)}\n`);
        else io.stdout(`${m.dryRunHeader('system')}\n${dry.system}\n${m.dryRunHeader('prompt')}\n${dry.prompt}\n${m.dryRunTokens(dry.tokens, dry.model, dry.host)}\n`);
        return EXIT.ok;
      }
      const result = await startCodeSession(request, world);
      if (result.status === 'refused') return refused(io, result.problems, json);
      if (json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      else io.stdout(m.codeSucceeded(result.written, path, result.attempts, result.sessionId, result.testsLocked ? result.testPath : undefined));
      return EXIT.ok;
    }
    const { dryRunDesignSession, startDesignSession } = await import('../../generators/design-session.js');
    const request = { repoRoot, env: io.env, target: path, revise: values['revise'] === true };
    if (dryRun) {
      const dry = await dryRunDesignSession(request, world);
      if (json) io.stdout(`${JSON.stringify(dry, null, 2)}\n`);
      else io.stdout(`${m.dryRunHeader('system')}\n${dry.system}\n${m.dryRunHeader('prompt')}\n${dry.prompt}\n${m.dryRunTokens(dry.tokens)}\n`);
      return EXIT.ok;
    }
    const result = await startDesignSession(request, world);
    if (json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else io.stdout(m.designSucceeded(result.designPath, result.writtenTo, result.attempts, result.sessionId));
    return EXIT.ok;
  },
};

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
