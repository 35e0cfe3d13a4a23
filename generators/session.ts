/**
 * Sessions are values of one interface: a fixed list of setup steps, a list of attempt steps
 * repeated up to `maxAttempts`, a finish step and an escalate step. The runner, not the model,
 * decides which step runs next, from the record alone: after each setup step the next one; in an
 * attempt, the next step while they succeed, a new attempt when one fails; `finish` when the last
 * attempt step succeeds; `escalate` when the last allowed attempt fails. Every finished step is
 * appended to the record with its timing, data and kept files, so a killed session resumes at the
 * step after the last one recorded (E14), and a record that does not follow this order is refused.
 */
import { DesignGateError } from '../core/errors.js';
import { generatorMessages as m } from '../core/messages/generators.js';
import { type Json, type SessionRecord, type SessionStatus, type StepPhase, type StepRecord } from './record.js';

export interface StepOutcome {
  outcome: 'ok' | 'failed';
  data?: { [key: string]: Json };
  /** Files to keep in the record, by name (attempt steps' names get an `attempt-<n>/` folder). */
  blobs?: Record<string, string | Uint8Array>;
}

export interface StepContext<C> {
  /** What the session kind needs (its paths, its model, its dependencies). */
  readonly c: C;
  readonly record: SessionRecord;
  readonly phase: StepPhase;
  /** 1-based in attempts, 0 elsewhere. */
  readonly attempt: number;
  /** The latest recorded step named `name` (in `attempt`, when given). */
  find(name: string, attempt?: number): StepRecord | undefined;
  /** A kept file of a recorded step. */
  blob(step: StepRecord, name: string): Promise<Buffer>;
}

export interface Step<C> {
  readonly name: string;
  run(ctx: StepContext<C>): Promise<StepOutcome>;
}

export interface SessionDefinition<C> {
  readonly setup: readonly Step<C>[];
  readonly attempt: readonly Step<C>[];
  readonly finish: Step<C>;
  readonly escalate: Step<C>;
  /** Puts things back when a person aborts the session. */
  readonly abort: Step<C>;
  readonly maxAttempts: number;
}

export type Position =
  | { phase: 'setup'; index: number }
  | { phase: 'attempt'; attempt: number; index: number }
  | { phase: 'finish' }
  | { phase: 'escalate' }
  | { phase: 'done'; status: SessionStatus };

export interface StepEvent {
  name: string;
  phase: StepPhase;
  attempt: number;
  /** Absent when the step starts. */
  outcome?: 'ok' | 'failed';
}

/**
 * Where a session stands after `steps`; throws DesignGateError('IO') when the steps do not follow
 * the definition (a hand-edited or foreign record).
 */
export function nextPosition<C>(def: SessionDefinition<C>, steps: readonly StepRecord[], id = ''): Position {
  let pos: Position = def.setup.length > 0 ? { phase: 'setup', index: 0 } : { phase: 'attempt', attempt: 1, index: 0 };
  for (const step of steps) {
    if (pos.phase === 'done') throw outOfOrder(id, step, m.stepAfterEnd);
    if (step.phase === 'abort') {
      if (step.name !== def.abort.name) throw outOfOrder(id, step, def.abort.name);
      pos = { phase: 'done', status: 'aborted' };
      continue;
    }
    const expected = expectedStep(def, pos);
    if (step.name !== expected.name || step.phase !== expected.phase || step.attempt !== expected.attempt) {
      throw outOfOrder(id, step, `${expected.name} (${expected.phase}${expected.attempt > 0 ? ` ${expected.attempt}` : ''})`);
    }
    pos = advance(def, pos, step.outcome);
  }
  return pos;
}

function expectedStep<C>(def: SessionDefinition<C>, pos: Exclude<Position, { phase: 'done' }>): { name: string; phase: StepPhase; attempt: number } {
  switch (pos.phase) {
    case 'setup':
      return { name: def.setup[pos.index]!.name, phase: 'setup', attempt: 0 };
    case 'attempt':
      return { name: def.attempt[pos.index]!.name, phase: 'attempt', attempt: pos.attempt };
    case 'finish':
      return { name: def.finish.name, phase: 'finish', attempt: 0 };
    case 'escalate':
      return { name: def.escalate.name, phase: 'escalate', attempt: 0 };
  }
}

function advance<C>(def: SessionDefinition<C>, pos: Exclude<Position, { phase: 'done' }>, outcome: 'ok' | 'failed'): Position {
  switch (pos.phase) {
    case 'setup':
      if (outcome === 'failed') return { phase: 'escalate' };
      return pos.index + 1 < def.setup.length ? { phase: 'setup', index: pos.index + 1 } : { phase: 'attempt', attempt: 1, index: 0 };
    case 'attempt':
      if (outcome === 'failed') return pos.attempt < def.maxAttempts ? { phase: 'attempt', attempt: pos.attempt + 1, index: 0 } : { phase: 'escalate' };
      return pos.index + 1 < def.attempt.length ? { ...pos, index: pos.index + 1 } : { phase: 'finish' };
    case 'finish':
      return { phase: 'done', status: 'succeeded' };
    case 'escalate':
      return { phase: 'done', status: 'escalated' };
  }
}

function outOfOrder(id: string, step: StepRecord, expected: string): DesignGateError {
  return new DesignGateError('IO', m.recordCorrupt(id, m.stepOutOfOrder(step.seq, step.name, expected)), { fix: m.recordCorruptFix(id) });
}

/**
 * Runs the session from where its record stands to its end (finished, escalated), or until a step
 * throws: then nothing more is recorded and the error propagates, and the session can be resumed.
 * Returns the final status.
 */
export async function runSession<C>(def: SessionDefinition<C>, record: SessionRecord, c: C, onStep?: (event: StepEvent) => void): Promise<SessionStatus> {
  for (;;) {
    const pos = nextPosition(def, record.steps, record.id);
    if (pos.phase === 'done') return pos.status;
    const { phase, attempt } = expectedStep(def, pos);
    const step = pos.phase === 'setup' ? def.setup[pos.index]! : pos.phase === 'attempt' ? def.attempt[pos.index]! : pos.phase === 'finish' ? def.finish : def.escalate;
    await runStep(step, record, c, phase, attempt, onStep);
  }
}

/** Aborts a session that has not ended: runs the definition's abort step and records it. */
export async function abortSession<C>(def: SessionDefinition<C>, record: SessionRecord, c: C): Promise<void> {
  const pos = nextPosition(def, record.steps, record.id);
  if (pos.phase === 'done') throw new DesignGateError('USAGE', m.sessionAlreadyEnded(record.id, pos.status), { fix: m.sessionListFix });
  await runStep(def.abort, record, c, 'abort', 0);
}

async function runStep<C>(step: Step<C>, record: SessionRecord, c: C, phase: StepPhase, attempt: number, onStep?: (event: StepEvent) => void): Promise<StepRecord> {
  onStep?.({ name: step.name, phase, attempt });
  const startedAt = new Date();
  const t0 = performance.now();
  const ctx: StepContext<C> = {
    c,
    record,
    phase,
    attempt,
    find: (name, inAttempt) => [...record.steps].reverse().find((s) => s.name === name && (inAttempt === undefined || s.attempt === inAttempt)),
    blob: async (s, blobName) => {
      const ref = s.blobs[blobName];
      if (ref === undefined) throw new Error(`step ${s.name} kept no file ${blobName}`);
      return record.readBlob(ref);
    },
  };
  const result = await step.run(ctx);
  const folder = phase === 'attempt' ? `attempt-${attempt}/` : phase === 'setup' ? 'setup/' : '';
  const blobs: StepRecord['blobs'] = {};
  for (const [blobName, data] of Object.entries(result.blobs ?? {})) blobs[blobName] = await record.writeBlob(`${folder}${blobName}`, data);
  const recorded = await record.append({
    name: step.name,
    phase,
    attempt,
    outcome: result.outcome,
    startedAt: startedAt.toISOString(),
    ms: Math.round((performance.now() - t0) * 1000) / 1000,
    data: result.data ?? {},
    blobs,
  });
  onStep?.({ name: step.name, phase, attempt, outcome: result.outcome });
  return recorded;
}

