/**
 * One session per component at a time (E9): a lock file under `.designgate/sessions/locks/`,
 * created with a hard link (core/fs-atomic without overwrite), so exactly one of two racing
 * sessions gets it. A second session waits up to `waitMs`, then refuses, naming the holder. A lock
 * left by a process that no longer runs on this machine (a killed session) is taken over, so a
 * resume after a kill is not blocked by its own dead predecessor.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFile, rename, unlink, link } from 'node:fs/promises';
import { DesignGateError } from '../core/errors.js';
import { TargetExistsError, writeFileAtomic } from '../core/fs-atomic.js';
import { generatorMessages as m } from '../core/messages/generators.js';
import { sessionsRoot } from './record.js';

export interface LockHolder {
  component: string;
  sessionId: string;
  pid: number;
  hostname: string;
  at: string;
}

export interface ComponentLock {
  readonly file: string;
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for another session to finish; 0 refuses at once. */
  waitMs?: number;
  /** Whether a process runs (tests pass their own). */
  isAlive?: (pid: number) => boolean;
  pid?: number;
}

/** The lock file of a component (a hash of its path, so any path gives a safe file name). */
export function lockFile(repoRoot: string, component: string): string {
  return join(sessionsRoot(repoRoot), 'locks', `${createHash('sha256').update(component).digest('hex').slice(0, 24)}.lock`);
}

/**
 * Takes the lock of `component` for `sessionId`, or throws DesignGateError('IO') naming the session
 * that holds it.
 * @example const lock = await acquireLock(repoRoot, 'docs/design/add.md', id); try { … } finally { await lock.release() }
 */
export async function acquireLock(repoRoot: string, component: string, sessionId: string, options: LockOptions = {}): Promise<ComponentLock> {
  const file = lockFile(repoRoot, component);
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? processIsAlive;
  const mine: LockHolder = { component, sessionId, pid, hostname: hostname(), at: new Date().toISOString() };
  const text = `${JSON.stringify(mine)}\n`;
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    try {
      await writeFileAtomic(file, text, { overwrite: false });
      return { file, release: () => releaseIfMine(file, text) };
    } catch (error) {
      if (!(error instanceof TargetExistsError)) throw error;
    }
    const held = await readFile(file, 'utf8').catch(() => undefined);
    if (held === undefined) continue; // released between our attempt and the read
    const holder = parseHolder(held);
    if (holder === undefined || (holder.hostname === mine.hostname && !isAlive(holder.pid))) {
      await breakStale(file, held);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new DesignGateError('IO', m.componentLocked(component, holder.sessionId, holder.pid), { fix: m.componentLockedFix(holder.sessionId) });
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whom the lock of `component` names, if anyone. */
export async function lockHolder(repoRoot: string, component: string): Promise<LockHolder | undefined> {
  const held = await readFile(lockFile(repoRoot, component), 'utf8').catch(() => undefined);
  return held === undefined ? undefined : parseHolder(held);
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && typeof v.sessionId === 'string' && typeof v.hostname === 'string' && typeof v.component === 'string') return v as LockHolder;
  } catch {
    // a torn or foreign file: treated as stale
  }
  return undefined;
}

/**
 * Moves a stale lock aside. The rename is atomic, so of two sessions breaking the same stale lock
 * one gets it; if what we moved is not what we judged stale (someone took the lock meanwhile), it
 * goes back.
 */
async function breakStale(file: string, judged: string): Promise<void> {
  const aside = `${file}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(file, aside);
  } catch {
    return;
  }
  const moved = await readFile(aside, 'utf8').catch(() => undefined);
  if (moved !== judged) await link(aside, file).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

async function releaseIfMine(file: string, text: string): Promise<void> {
  const held = await readFile(file, 'utf8').catch(() => undefined);
  if (held === text) await unlink(file).catch(() => undefined);
}

/**
 * Runs `work` holding the lock of `component` for `sessionId`, and releases the lock however `work`
 * ends: what every session verb (start, resume, abort) does around its steps.
 * @example await withLock(repoRoot, 'docs/design/add.md', id, waitOptions(world.lockWaitMs), () => drive(record, plan, world))
 */
export async function withLock<T>(repoRoot: string, component: string, sessionId: string, options: LockOptions, work: () => Promise<T>): Promise<T> {
  const lock = await acquireLock(repoRoot, component, sessionId, options);
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

/** The wait a session's caller asked for (`lockWaitMs`), as lock options. */
export function waitOptions(lockWaitMs: number | undefined): LockOptions {
  return lockWaitMs === undefined ? {} : { waitMs: lockWaitMs };
}

