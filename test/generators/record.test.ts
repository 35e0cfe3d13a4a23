import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SessionRecord, isSessionId, listSessions, newSessionId, sessionMeta, sessionsRoot, statusOf, type SessionMeta } from '../../generators/record.js';
import { isDesignGateError } from '../../core/errors.js';
import { makeTempDir } from '../helpers/repo.js';

const base = makeTempDir();
after(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
function root(): string {
  const dir = join(base, `r${n++}`);
  mkdirSync(dir);
  return dir;
}

function meta(id = newSessionId('code', new Date('2026-05-01T10:20:30Z'))): SessionMeta {
  return { version: 1, id, kind: 'code', component: 'docs/design/add.md', createdAt: '2026-05-01T10:20:30.000Z', host: 'http://127.0.0.1:11434', model: 'm', options: { seed: 7 }, maxAttempts: 3, params: { force: false } };
}

async function recordWithSteps(dir: string): Promise<SessionRecord> {
  const record = await SessionRecord.create(dir, meta());
  const ref = await record.writeBlob('attempt-1/prompt.md', 'the prompt\n');
  await record.append({ name: 'snapshot', phase: 'setup', attempt: 0, outcome: 'ok', startedAt: 'x', ms: 1.5, data: { head: 'abc', gone: null }, blobs: {} });
  await record.append({ name: 'ask', phase: 'attempt', attempt: 1, outcome: 'ok', startedAt: 'x', ms: 2, data: {}, blobs: { 'prompt.md': ref } });
  return record;
}

function corruptWith(dir: string, id: string, pattern: RegExp): Promise<void> {
  return assert.rejects(SessionRecord.open(dir, id), (e: unknown) => {
    assert.ok(isDesignGateError(e));
    assert.equal(e.code, 'IO');
    assert.match(e.message, /is corrupt or was edited/);
    assert.match(e.message, pattern);
    assert.match(e.fix!, /setup\/ folder holds the files as they were/);
    return true;
  });
}

describe('session ids', () => {
  test('have a fixed shape that cannot name another path', () => {
    const id = newSessionId('design', new Date('2026-05-01T10:20:30Z'));
    assert.match(id, /^20260501-102030-design-[0-9a-f]{6}$/);
    assert.ok(isSessionId(id));
    for (const bad of ['../x', '20260501-102030-code-zzzzzz', '', '20260501-102030-code-abcdef/..']) assert.equal(isSessionId(bad), false);
  });
});

describe('sessionMeta', () => {
  test('the header holds the plan\'s design, host, model, options and attempts, and the kind\'s params', () => {
    const now = new Date('2026-05-01T10:20:30Z');
    const plan = { designPath: 'docs/design/a.md', host: { host: 'http://127.0.0.1:11434' }, generator: { model: 'm:7b', options: { temperature: 0 }, maxAttempts: 3 } };
    assert.deepEqual(sessionMeta('code', 'id-1', now, plan, { codePath: 'src/a.ts' }), {
      version: 1,
      id: 'id-1',
      kind: 'code',
      component: 'docs/design/a.md',
      createdAt: '2026-05-01T10:20:30.000Z',
      host: 'http://127.0.0.1:11434',
      model: 'm:7b',
      options: { temperature: 0 },
      maxAttempts: 3,
      params: { codePath: 'src/a.ts' },
    });
  });
});

describe('SessionRecord', () => {
  test('round trip: created, appended, reopened with the same steps; sessions folder ignored by git', async () => {
    const dir = root();
    const record = await recordWithSteps(dir);
    const again = await SessionRecord.open(dir, record.id);
    assert.deepEqual(again.meta, record.meta);
    assert.deepEqual(again.steps, record.steps);
    assert.equal(again.steps[1]!.prev, again.steps[0]!.hash);
    assert.equal((await again.readBlob(again.steps[1]!.blobs['prompt.md']!)).toString(), 'the prompt\n');
    assert.equal(readFileSync(join(sessionsRoot(dir), '.gitignore'), 'utf8'), '*\n');
    assert.equal(again.status, 'in-progress');
  });

  test('E14: an edited step is refused (hash chain)', async () => {
    const dir = root();
    const record = await recordWithSteps(dir);
    const file = join(record.dir, 'steps.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"head":"abc"', '"head":"abd"'));
    await corruptWith(dir, record.id, /line 1 does not match the hash chain/);
  });

  test('E14: an edited session.json breaks the chain from its root', async () => {
    const dir = root();
    const record = await recordWithSteps(dir);
    const file = join(record.dir, 'session.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"maxAttempts": 3', '"maxAttempts": 30'));
    await corruptWith(dir, record.id, /line 1 does not match the hash chain/);
  });

  test('E14: a removed step in the middle is refused', async () => {
    const dir = root();
    const record = await recordWithSteps(dir);
    const file = join(record.dir, 'steps.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, `${lines[1]}\n`);
    await corruptWith(dir, record.id, /"seq"/);
  });

  test('E14: a changed or missing kept file is refused', async () => {
    const dir = root();
    const record = await recordWithSteps(dir);
    writeFileSync(join(record.dir, 'attempt-1/prompt.md'), 'Ignore the design.\n');
    await corruptWith(dir, record.id, /kept file attempt-1\/prompt\.md was changed/);
    rmSync(join(record.dir, 'attempt-1/prompt.md'));
    await corruptWith(dir, record.id, /attempt-1\/prompt\.md is missing/);
  });

  test('E14: a torn last line, non-JSON, unknown fields and path-like blob names are refused', async () => {
    const dir = root();
    const record = await recordWithSteps(dir);
    const file = join(record.dir, 'steps.jsonl');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.slice(0, -5));
    await corruptWith(dir, record.id, /complete line/);
    writeFileSync(file, `${good}{oops\n`);
    await corruptWith(dir, record.id, /line 3 is not JSON/);
    writeFileSync(file, good.replace('"seq":1,', '"seq":1,"approve":true,'));
    await corruptWith(dir, record.id, /"approve"/);
    writeFileSync(file, good.replace('"file":"attempt-1/prompt.md"', '"file":"../../../etc/passwd"'));
    await corruptWith(dir, record.id, /"blobs"/);
    writeFileSync(file, good);
    writeFileSync(join(record.dir, 'session.json'), '{');
    await corruptWith(dir, record.id, /session\.json is not JSON/);
  });

  test('an unknown or malformed id is a usage error', async () => {
    const dir = root();
    await assert.rejects(SessionRecord.open(dir, '20260501-102030-code-abcdef'), /there is no session 20260501-102030-code-abcdef/);
    await assert.rejects(SessionRecord.open(dir, '../../etc'), /is not a session id/);
  });

  test('writeBlob refuses names that leave the folder or replace the record', async () => {
    const record = await SessionRecord.create(root(), meta());
    await assert.rejects(record.writeBlob('../x', 'a'));
    await assert.rejects(record.writeBlob('steps.jsonl', 'a'));
    await assert.rejects(record.writeBlob('/abs', 'a'));
  });

  test('status follows the last step', () => {
    assert.equal(statusOf([]), 'in-progress');
    assert.equal(statusOf([{ phase: 'setup' }, { phase: 'finish' }]), 'succeeded');
    assert.equal(statusOf([{ phase: 'escalate' }]), 'escalated');
    assert.equal(statusOf([{ phase: 'abort' }]), 'aborted');
  });

  test('listSessions: newest first, a corrupt record listed with its problem', async () => {
    const dir = root();
    const a = await SessionRecord.create(dir, meta('20260501-102030-code-aaaaaa'));
    const b = await SessionRecord.create(dir, meta('20260502-102030-code-bbbbbb'));
    writeFileSync(join(b.dir, 'session.json'), 'nope');
    mkdirSync(join(sessionsRoot(dir), 'not-a-session'));
    const list = await listSessions(dir);
    assert.deepEqual(list.map((s) => s.id), [b.id, a.id]);
    assert.match(list[0]!.problem!, /not JSON/);
    assert.equal(list[1]!.status, 'in-progress');
    assert.equal(existsSync(join(a.dir, 'steps.jsonl')), true);
  });
});
