/**
 * A session's record under `.designgate/sessions/<id>/`: `session.json` (what the session is:
 * kind, component, model, options, parameters), `steps.jsonl` (one line per finished step) and the
 * files the steps kept (prompts, answers, test output, backups, the escalation report).
 *
 * The record is tamper-evident: each step line carries the SHA-256 of the previous line's hash and
 * its own canonical JSON (RFC 8785), the chain starts from the hash of `session.json`, and every
 * kept file is named in a step with its hash. Opening a record checks all of it, so a resume never
 * acts on a record that was edited by hand or half written (E14). Anyone can recompute a chain, so
 * this detects accidents and careless edits, not a determined forger; nothing in a record can
 * approve a design or widen what a session may write.
 *
 * `steps.jsonl` is rewritten whole (temp, fsync, rename) on every step, so a kill leaves the old
 * or the new record, never a torn line; a kept file is written before the step that names it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, readdir, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../core/canonical-json.js';
import { DesignGateError } from '../core/errors.js';
import { writeFileAtomic } from '../core/fs-atomic.js';
import { generatorMessages as m } from '../core/messages/generators.js';

export type SessionKind = 'code' | 'design' | 'architecture';
export type StepPhase = 'setup' | 'attempt' | 'finish' | 'escalate' | 'abort';
export type SessionStatus = 'in-progress' | 'succeeded' | 'escalated' | 'aborted';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface SessionMeta {
  version: 1;
  id: string;
  kind: SessionKind;
  /** The component: the repository-relative path of its design. */
  component: string;
  createdAt: string;
  host: string;
  model: string;
  options: { [key: string]: Json };
  maxAttempts: number;
  /** What the session needs to resume (paths, flags), as the session kind defines it. */
  params: { [key: string]: Json };
}

export interface BlobRef {
  /** Path inside the session folder. */
  file: string;
  sha256: string;
  bytes: number;
}

export interface StepRecord {
  seq: number;
  name: string;
  phase: StepPhase;
  /** 1-based for attempt steps; 0 otherwise. */
  attempt: number;
  outcome: 'ok' | 'failed';
  startedAt: string;
  ms: number;
  data: { [key: string]: Json };
  blobs: { [name: string]: BlobRef };
  prev: string;
  hash: string;
}

export type NewStep = Omit<StepRecord, 'seq' | 'prev' | 'hash'>;

const ID = /^\d{8}-\d{6}-(code|design|architecture)-[0-9a-f]{6}$/;
const BLOB_NAME = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;
const RESERVED = new Set(['session.json', 'steps.jsonl']);
const HEX64 = /^[0-9a-f]{64}$/;
const PHASES: ReadonlySet<string> = new Set(['setup', 'attempt', 'finish', 'escalate', 'abort']);

/** `<repoRoot>/.designgate/sessions` */
export function sessionsRoot(repoRoot: string): string {
  return join(repoRoot, '.designgate', 'sessions');
}

/** Whether `id` has the shape of a session id (so it can never name a path outside the folder). */
export function isSessionId(id: string): boolean {
  return ID.test(id);
}

/** @example newSessionId('code', new Date('2026-05-01T10:20:30Z')) // '20260501-102030-code-3fa1c2' */
/** What every session kind plans that the record header keeps: the design, the model, its host and options. */
export interface PlannedModel {
  designPath: string;
  host: { host: string };
  generator: { model: string; options: Record<string, unknown>; maxAttempts: number };
}

/**
 * The header of a new session's record.
 * @example sessionMeta('code', id, now, plan, { codePath: 'src/a.ts' })
 */
export function sessionMeta(kind: SessionKind, id: string, now: Date, plan: PlannedModel, params: { [key: string]: Json }): SessionMeta {
  return {
    version: 1,
    id,
    kind,
    component: plan.designPath,
    createdAt: now.toISOString(),
    host: plan.host.host,
    model: plan.generator.model,
    options: plan.generator.options as { [k: string]: Json },
    maxAttempts: plan.generator.maxAttempts,
    params,
  };
}

export function newSessionId(kind: SessionKind, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${kind}-${randomBytes(3).toString('hex')}`;
}

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** The hash a step line's `prev` must carry when it is the first one. */
export function chainRoot(meta: SessionMeta): string {
  return sha256(`designgate-session-v1\n${canonicalJson(meta)}`);
}

/** The hash of a step: over its predecessor's hash and its canonical JSON without `hash`. */
export function stepHash(step: Omit<StepRecord, 'hash'>): string {
  return sha256(`${step.prev}\n${canonicalJson(step)}`);
}

/** Drops `undefined` (which JSON cannot hold) so a step hashes the same once read back. */
function toJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class SessionRecord {
  private constructor(
    readonly dir: string,
    readonly meta: SessionMeta,
    private readonly stepList: StepRecord[],
  ) {}

  get id(): string {
    return this.meta.id;
  }

  get steps(): readonly StepRecord[] {
    return this.stepList;
  }

  /** Creates the folder (and the sessions folder's `.gitignore`, so records never show as changes). */
  static async create(repoRoot: string, meta: SessionMeta): Promise<SessionRecord> {
    const root = sessionsRoot(repoRoot);
    await mkdir(root, { recursive: true });
    await writeFileAtomic(join(root, '.gitignore'), '*\n', { overwrite: true });
    const dir = join(root, meta.id);
    await mkdir(dir);
    const clean = toJson(meta);
    await writeFileAtomic(join(dir, 'session.json'), `${JSON.stringify(clean, null, 2)}\n`, { overwrite: false });
    await writeFileAtomic(join(dir, 'steps.jsonl'), '', { overwrite: false });
    return new SessionRecord(dir, clean, []);
  }

  /**
   * Opens and checks a record: shapes, the hash chain, and every kept file's hash. Throws
   * DesignGateError('IO') naming what is wrong when it is corrupt or was edited.
   */
  static async open(repoRoot: string, id: string): Promise<SessionRecord> {
    if (!isSessionId(id)) throw new DesignGateError('USAGE', m.badSessionId(id), { fix: m.sessionListFix });
    const dir = join(sessionsRoot(repoRoot), id);
    const corrupt = (detail: string) => new DesignGateError('IO', m.recordCorrupt(id, detail), { fix: m.recordCorruptFix(id) });
    let metaText: string;
    let stepsText: string;
    try {
      metaText = await readFile(join(dir, 'session.json'), 'utf8');
      stepsText = await readFile(join(dir, 'steps.jsonl'), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        const exists = await stat(dir).then(() => true, () => false);
        if (!exists) throw new DesignGateError('USAGE', m.noSuchSession(id), { fix: m.sessionListFix });
        throw corrupt(m.recordFileMissing);
      }
      throw error;
    }
    let meta: SessionMeta;
    try {
      meta = JSON.parse(metaText) as SessionMeta;
    } catch {
      throw corrupt(m.recordNotJson('session.json'));
    }
    const metaProblem = checkMeta(meta, id);
    if (metaProblem !== undefined) throw corrupt(metaProblem);
    const steps: StepRecord[] = [];
    let prev = chainRoot(meta);
    const lines = stepsText === '' ? [] : stepsText.split('\n');
    if (lines.length > 0 && lines.at(-1) !== '') throw corrupt(m.recordTornLine);
    for (const [i, line] of lines.slice(0, -1).entries()) {
      let step: StepRecord;
      try {
        step = JSON.parse(line) as StepRecord;
      } catch {
        throw corrupt(m.recordNotJson(`steps.jsonl line ${i + 1}`));
      }
      const problem = checkStep(step, i);
      if (problem !== undefined) throw corrupt(`steps.jsonl line ${i + 1}: ${problem}`);
      const { hash, ...rest } = step;
      if (step.prev !== prev || stepHash(rest) !== hash) throw corrupt(m.recordChainBroken(i + 1));
      prev = hash;
      steps.push(step);
    }
    const record = new SessionRecord(dir, meta, steps);
    for (const step of steps) {
      for (const ref of Object.values(step.blobs)) {
        const data = await readFile(join(dir, ref.file)).catch(() => undefined);
        if (data === undefined) throw corrupt(m.recordBlobMissing(ref.file));
        if (sha256(data) !== ref.sha256) throw corrupt(m.recordBlobChanged(ref.file));
      }
    }
    return record;
  }

  /** Keeps a file in the record; name it in the step that follows, or it is not part of the record. */
  async writeBlob(name: string, data: string | Uint8Array): Promise<BlobRef> {
    if (!BLOB_NAME.test(name) || RESERVED.has(name) || name.split('/').includes('..')) throw new Error(`bad blob name ${name}`);
    await writeFileAtomic(join(this.dir, name), data, { overwrite: true });
    const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength;
    return { file: name, sha256: sha256(data), bytes };
  }

  /** A kept file, checked against its hash again (it may have changed since the record was opened). */
  async readBlob(ref: BlobRef): Promise<Buffer> {
    const data = await readFile(join(this.dir, ref.file));
    if (sha256(data) !== ref.sha256) throw new DesignGateError('IO', m.recordCorrupt(this.id, m.recordBlobChanged(ref.file)), { fix: m.recordCorruptFix(this.id) });
    return data;
  }

  /** Appends a finished step to the chain and rewrites `steps.jsonl` atomically. */
  async append(step: NewStep): Promise<StepRecord> {
    const prev = this.stepList.length === 0 ? chainRoot(this.meta) : this.stepList.at(-1)!.hash;
    const body = toJson({ ...step, seq: this.stepList.length + 1, prev });
    const full: StepRecord = { ...body, hash: stepHash(body) };
    const text = [...this.stepList, full].map((s) => `${JSON.stringify(s)}\n`).join('');
    await writeFileAtomic(join(this.dir, 'steps.jsonl'), text, { overwrite: true });
    this.stepList.push(full);
    return full;
  }

  /** What the steps say: finished, escalated, aborted, or still to be resumed. */
  get status(): SessionStatus {
    return statusOf(this.stepList);
  }
}

export function statusOf(steps: readonly Pick<StepRecord, 'phase'>[]): SessionStatus {
  const last = steps.at(-1)?.phase;
  if (last === 'finish') return 'succeeded';
  if (last === 'escalate') return 'escalated';
  if (last === 'abort') return 'aborted';
  return 'in-progress';
}

export interface SessionSummary {
  id: string;
  meta?: SessionMeta;
  status?: SessionStatus;
  steps?: number;
  /** Why the record could not be read. */
  problem?: string;
}

/** Every record under `.designgate/sessions/`, newest first; a corrupt one is listed with its problem. */
export async function listSessions(repoRoot: string): Promise<SessionSummary[]> {
  const names = await readdir(sessionsRoot(repoRoot)).catch(() => [] as string[]);
  const out: SessionSummary[] = [];
  for (const id of names.filter(isSessionId).sort().reverse()) {
    try {
      const record = await SessionRecord.open(repoRoot, id);
      out.push({ id, meta: record.meta, status: record.status, steps: record.steps.length });
    } catch (error) {
      out.push({ id, problem: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function checkMeta(meta: unknown, id: string): string | undefined {
  if (!isObject(meta)) return m.recordBadField('session.json', 'the whole file');
  const bad = (field: string) => m.recordBadField('session.json', field);
  if (meta['version'] !== 1) return bad('version');
  if (meta['id'] !== id) return bad('id');
  if (meta['kind'] !== 'code' && meta['kind'] !== 'design' && meta['kind'] !== 'architecture') return bad('kind');
  for (const key of ['component', 'createdAt', 'host', 'model'] as const) if (typeof meta[key] !== 'string') return bad(key);
  if (!isObject(meta['options'])) return bad('options');
  if (!isObject(meta['params'])) return bad('params');
  if (typeof meta['maxAttempts'] !== 'number' || !Number.isInteger(meta['maxAttempts']) || meta['maxAttempts'] < 1) return bad('maxAttempts');
  const known = new Set(['version', 'id', 'kind', 'component', 'createdAt', 'host', 'model', 'options', 'maxAttempts', 'params']);
  const extra = Object.keys(meta).find((k) => !known.has(k));
  return extra === undefined ? undefined : bad(extra);
}

function checkStep(step: unknown, index: number): string | undefined {
  if (!isObject(step)) return m.recordStepField('the line');
  const bad = (field: string) => m.recordStepField(field);
  if (step['seq'] !== index + 1) return bad('seq');
  if (typeof step['name'] !== 'string' || !/^[a-z][a-z-]*$/.test(step['name'])) return bad('name');
  if (typeof step['phase'] !== 'string' || !PHASES.has(step['phase'])) return bad('phase');
  if (typeof step['attempt'] !== 'number' || !Number.isInteger(step['attempt']) || step['attempt'] < 0) return bad('attempt');
  if (step['outcome'] !== 'ok' && step['outcome'] !== 'failed') return bad('outcome');
  if (typeof step['startedAt'] !== 'string') return bad('startedAt');
  if (typeof step['ms'] !== 'number' || step['ms'] < 0) return bad('ms');
  if (!isObject(step['data'])) return bad('data');
  if (!isObject(step['blobs'])) return bad('blobs');
  for (const ref of Object.values(step['blobs'])) {
    if (!isObject(ref) || typeof ref['file'] !== 'string' || !BLOB_NAME.test(ref['file']) || RESERVED.has(ref['file'])) return bad('blobs');
    if (ref['file'].split('/').includes('..') || typeof ref['sha256'] !== 'string' || !HEX64.test(ref['sha256']) || typeof ref['bytes'] !== 'number') return bad('blobs');
  }
  if (typeof step['prev'] !== 'string' || !HEX64.test(step['prev']) || typeof step['hash'] !== 'string' || !HEX64.test(step['hash'])) return bad('hash');
  const known = new Set(['seq', 'name', 'phase', 'attempt', 'outcome', 'startedAt', 'ms', 'data', 'blobs', 'prev', 'hash']);
  const extra = Object.keys(step).find((k) => !known.has(k));
  return extra === undefined ? undefined : bad(extra);
}
