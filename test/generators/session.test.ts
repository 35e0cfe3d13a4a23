import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { abortSession, nextPosition, runSession, type SessionDefinition, type Step, type StepEvent } from '../../generators/session.js';
import { SessionRecord, newSessionId, stepHash, chainRoot, type StepRecord } from '../../generators/record.js';
import { makeTempDir } from '../helpers/repo.js';

const base = makeTempDir();
after(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const root = () => {
  const d = join(base, `s${n++}`);
  mkdirSync(d);
  return d;
};

/** A toy session: `plan` once, then `try` + `check` per attempt; `check` passes on the attempts listed. */
interface Toy {
  passOn: number[];
  log: string[];
  throwAt?: string;
}
const step = (name: string, run: Step<Toy>['run']): Step<Toy> => ({ name, run });
function toy(maxAttempts: number): SessionDefinition<Toy> {
  return {
    maxAttempts,
    setup: [step('plan', async (ctx) => (ctx.c.log.push('plan'), { outcome: 'ok', data: { planned: true } }))],
    attempt: [
      step('try', async (ctx) => {
        ctx.c.log.push(`try${ctx.attempt}`);
        if (ctx.c.throwAt === `try${ctx.attempt}`) throw new Error('killed');
        return { outcome: 'ok', blobs: { 'out.txt': `attempt ${ctx.attempt}` } };
      }),
      step('check', async (ctx) => {
        ctx.c.log.push(`check${ctx.attempt}`);
        const tried = ctx.find('try', ctx.attempt)!;
        assert.equal((await ctx.blob(tried, 'out.txt')).toString(), `attempt ${ctx.attempt}`);
        return { outcome: ctx.c.passOn.includes(ctx.attempt) ? 'ok' : 'failed' };
      }),
    ],
    finish: step('finish', async (ctx) => (ctx.c.log.push('finish'), { outcome: 'ok' })),
    escalate: step('escalate', async (ctx) => (ctx.c.log.push('escalate'), { outcome: 'ok', blobs: { 'escalation.md': '# escalated\n' } })),
    abort: step('abort', async (ctx) => (ctx.c.log.push('abort'), { outcome: 'ok' })),
  };
}

async function fresh(dir: string): Promise<SessionRecord> {
  return SessionRecord.create(dir, {
    version: 1,
    id: newSessionId('code', new Date()),
    kind: 'code',
    component: 'docs/design/x.md',
    createdAt: new Date().toISOString(),
    host: 'h',
    model: 'm',
    options: {},
    maxAttempts: 3,
    params: {},
  });
}

describe('the session runner', () => {
  test('green first attempt: plan, try1, check1, finish, in that order and recorded', async () => {
    const record = await fresh(root());
    const c: Toy = { passOn: [1], log: [] };
    const events: StepEvent[] = [];
    assert.equal(await runSession(toy(3), record, c, (e) => events.push(e)), 'succeeded');
    assert.deepEqual(c.log, ['plan', 'try1', 'check1', 'finish']);
    assert.deepEqual(record.steps.map((s) => [s.name, s.phase, s.attempt, s.outcome]), [
      ['plan', 'setup', 0, 'ok'],
      ['try', 'attempt', 1, 'ok'],
      ['check', 'attempt', 1, 'ok'],
      ['finish', 'finish', 0, 'ok'],
    ]);
    assert.equal(record.steps[1]!.blobs['out.txt']!.file, 'attempt-1/out.txt');
    assert.equal(events.length, 8);
  });

  test('red then green: a failed check starts the next attempt', async () => {
    const record = await fresh(root());
    const c: Toy = { passOn: [2], log: [] };
    assert.equal(await runSession(toy(3), record, c), 'succeeded');
    assert.deepEqual(c.log, ['plan', 'try1', 'check1', 'try2', 'check2', 'finish']);
  });

  test('F14: red until maxAttempts: exactly maxAttempts attempts, then escalate', async () => {
    const record = await fresh(root());
    const c: Toy = { passOn: [], log: [] };
    assert.equal(await runSession(toy(3), record, c), 'escalated');
    assert.deepEqual(c.log, ['plan', 'try1', 'check1', 'try2', 'check2', 'try3', 'check3', 'escalate']);
    assert.equal(readFileSync(join(record.dir, 'escalation.md'), 'utf8'), '# escalated\n');
  });

  test('E14: a step that throws records nothing; the resumed session starts at that step', async () => {
    const dir = root();
    const record = await fresh(dir);
    const c: Toy = { passOn: [2], log: [], throwAt: 'try2' };
    await assert.rejects(runSession(toy(3), record, c), /killed/);
    assert.deepEqual(record.steps.map((s) => `${s.name}${s.attempt}`), ['plan0', 'try1', 'check1']);
    const reopened = await SessionRecord.open(dir, record.id);
    const again: Toy = { passOn: [2], log: [] };
    assert.equal(await runSession(toy(3), reopened, again), 'succeeded');
    assert.deepEqual(again.log, ['try2', 'check2', 'finish']);
  });

  test('a finished session runs nothing more', async () => {
    const record = await fresh(root());
    await runSession(toy(1), record, { passOn: [1], log: [] });
    const c: Toy = { passOn: [1], log: [] };
    assert.equal(await runSession(toy(1), record, c), 'succeeded');
    assert.deepEqual(c.log, []);
  });

  test('abort: recorded, ends the session; aborting an ended session is refused', async () => {
    const record = await fresh(root());
    const c: Toy = { passOn: [], log: [], throwAt: 'try1' };
    await assert.rejects(runSession(toy(2), record, c));
    await abortSession(toy(2), record, c);
    assert.equal(record.status, 'aborted');
    assert.equal(await runSession(toy(2), record, c), 'aborted');
    await assert.rejects(abortSession(toy(2), record, c), /has already ended \(aborted\)/);
  });

  test('E14: a record whose steps do not follow the definition is refused, even with a valid chain', async () => {
    const dir = root();
    const record = await fresh(dir);
    // Forge a well-chained record that skips `check` and goes straight to finish.
    const forged: StepRecord[] = [];
    let prev = chainRoot(record.meta);
    for (const [i, [name, phase, attempt]] of ([['plan', 'setup', 0], ['try', 'attempt', 1], ['finish', 'finish', 0]] as const).entries()) {
      const body = { name, phase, attempt, outcome: 'ok' as const, startedAt: 'x', ms: 0, data: {}, blobs: {}, seq: i + 1, prev };
      const hash = stepHash(body);
      forged.push({ ...body, hash });
      prev = hash;
    }
    writeFileSync(join(record.dir, 'steps.jsonl'), forged.map((s) => `${JSON.stringify(s)}\n`).join(''));
    const reopened = await SessionRecord.open(dir, record.id);
    assert.throws(() => nextPosition(toy(3), reopened.steps, reopened.id), /step 3 is "finish" where the session runs check \(attempt 1\)/);
    await assert.rejects(runSession(toy(3), reopened, { passOn: [], log: [] }), /corrupt or was edited/);
  });

  test('nextPosition: positions through a session', () => {
    const def = toy(2);
    const s = (name: string, phase: StepRecord['phase'], attempt: number, outcome: 'ok' | 'failed' = 'ok') => ({ name, phase, attempt, outcome, seq: 0 }) as StepRecord;
    assert.deepEqual(nextPosition(def, []), { phase: 'setup', index: 0 });
    assert.deepEqual(nextPosition(def, [s('plan', 'setup', 0)]), { phase: 'attempt', attempt: 1, index: 0 });
    assert.deepEqual(nextPosition(def, [s('plan', 'setup', 0), s('try', 'attempt', 1, 'failed')]), { phase: 'attempt', attempt: 2, index: 0 });
    assert.deepEqual(nextPosition(def, [s('plan', 'setup', 0), s('try', 'attempt', 1, 'failed'), s('try', 'attempt', 2, 'failed')]), { phase: 'escalate' });
  });
});
