/**
 * `designgate session list|show|resume|abort`: the records of generation sessions under
 * `.designgate/sessions/`. A record is checked (hash chain, kept files) whenever it is read, so a
 * corrupt or edited one is shown as such and never resumed.
 */
import type { Command, Io } from '../command.js';
import { DesignGateError } from '../../core/errors.js';
import { findRepoRoot } from '../../core/git/worktree.js';
import { workspaceMessages } from '../../core/messages/workspace.js';
import { generatorMessages as m } from '../../core/messages/generators.js';
import { draftingMessages as d } from '../../core/messages/drafting.js';
import { formatProblemsText } from '../format/problems.js';
import { EXIT } from '../exit.js';
import { worldFor } from './generate.js';

export const command: Command = {
  name: 'session',
  usage: ['designgate session list [--json]', 'designgate session show <id> [--json]', 'designgate session resume <id> [--wait <seconds>]', 'designgate session abort <id>'],
  options: {
    json: { type: 'boolean', description: 'list, show: print JSON' },
    wait: { type: 'string', description: 'resume: wait up to this many seconds for the component\'s lock' },
  },
  details: m.sessionDetails,
  async run(io, { positionals, values }) {
    const [verb, id, ...rest] = positionals;
    const needsId = verb === 'show' || verb === 'resume' || verb === 'abort';
    if ((verb !== 'list' && !needsId) || (needsId && id === undefined) || (verb === 'list' && id !== undefined) || rest.length > 0) {
      throw new DesignGateError('USAGE', m.sessionUsage, { fix: m.sessionUsageFix });
    }
    const repoRoot = await findRepoRoot(io.cwd, io.env);
    if (repoRoot === undefined) throw new DesignGateError('GIT', workspaceMessages.notARepository(io.cwd), { fix: workspaceMessages.notARepositoryFix });
    const { SessionRecord, listSessions } = await import('../../generators/record.js');
    const json = values['json'] === true;
    if (verb === 'list') {
      const sessions = await listSessions(repoRoot);
      if (json) io.stdout(`${JSON.stringify({ sessions: sessions.map((s) => ({ id: s.id, kind: s.meta?.kind, component: s.meta?.component, status: s.status ?? 'corrupt', steps: s.steps, problem: s.problem })) }, null, 2)}\n`);
      else if (sessions.length === 0) io.stdout(m.sessionNone);
      else for (const s of sessions) io.stdout(`${m.sessionLine(s.id, s.meta?.kind, s.meta?.component, s.status, s.steps, s.problem)}\n`);
      return EXIT.ok;
    }
    const record = await SessionRecord.open(repoRoot, id as string);
    if (verb === 'show') return show(io, record, json);
    if (verb === 'abort') {
      if (record.meta.kind === 'code') {
        const { abortCodeSession } = await import('../../generators/code-session.js');
        const problems = await abortCodeSession(record, { repoRoot, env: io.env }, {});
        if (problems.length > 0) throw new DesignGateError('IO', m.abortIncomplete(record.id, problems), { fix: m.recordCorruptFix(record.id) });
      } else if (record.meta.kind === 'architecture') {
        const { abortArchitectureSession } = await import('../../generators/architecture-session.js');
        await abortArchitectureSession(record, { repoRoot });
      } else {
        const { abortDesignSession } = await import('../../generators/design-session.js');
        await abortDesignSession(record, { repoRoot });
      }
      io.stdout(m.sessionAborted(record.id, record.meta.kind));
      return EXIT.ok;
    }
    const wait = values['wait'];
    const lockWaitMs = typeof wait === 'string' ? Number(wait) * 1000 : undefined;
    if (lockWaitMs !== undefined && !(lockWaitMs >= 0)) throw new DesignGateError('USAGE', m.badWait(String(wait)), { fix: m.badWaitFix });
    const world = await worldFor(io, repoRoot, lockWaitMs, false);
    if (record.meta.kind === 'code') {
      const { resumeCodeSession } = await import('../../generators/code-session.js');
      const result = await resumeCodeSession(record, { repoRoot, env: io.env }, world);
      if (result.status === 'refused') {
        io.stderr(formatProblemsText(result.problems, io.color));
        return EXIT.gateFailed;
      }
      io.stdout(m.codeSucceeded(result.written, record.meta.component, result.attempts, result.sessionId, result.testsLocked ? result.testPath : undefined));
      return EXIT.ok;
    }
    if (record.meta.kind === 'architecture') {
      const { resumeArchitectureSession } = await import('../../generators/architecture-session.js');
      const result = await resumeArchitectureSession(record, { repoRoot, env: io.env }, world);
      io.stdout(d.architectureSucceeded(result.architecturePath, result.contexts, result.attempts, result.sessionId));
      return EXIT.ok;
    }
    const { resumeDesignSession } = await import('../../generators/design-session.js');
    const result = await resumeDesignSession(record, { repoRoot, env: io.env }, world);
    io.stdout(m.designSucceeded(result.designPath, result.writtenTo, result.attempts, result.sessionId));
    return EXIT.ok;
  },
};

async function show(io: Io, record: import('../../generators/record.js').SessionRecord, json: boolean): Promise<number> {
  const { sanitizeText } = await import('../../generators/sanitize.js');
  if (json) {
    io.stdout(`${JSON.stringify({ meta: record.meta, status: record.status, steps: record.steps }, null, 2)}\n`);
    return EXIT.ok;
  }
  const meta = record.meta;
  const lines = [
    m.showHeader(meta.id, meta.kind, meta.component, record.status),
    m.showModel(meta.model, meta.host, JSON.stringify(meta.options), meta.maxAttempts),
    '',
  ];
  for (const step of record.steps) {
    const errors = Array.isArray(step.data['errors']) ? (step.data['errors'] as unknown[]).map(String) : [];
    lines.push(m.showStep(step.seq, step.name, step.attempt, step.outcome, step.ms, Object.values(step.blobs).map((b) => b.file)));
    for (const e of errors) lines.push(`      ${sanitizeText(e).split('\n').join(' ')}`);
  }
  if (record.status === 'escalated') lines.push('', m.showEscalation(`.designgate/sessions/${meta.id}/escalation.md`));
  if (record.status === 'in-progress') lines.push('', m.showResume(meta.id));
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
