/**
 * How a session writes and puts back its two files. Every write is core/fs-atomic's temp file,
 * fsync and rename, so a kill leaves the old or the new content (E8); a rename that Windows refuses
 * because an editor holds the file (EPERM, EBUSY) is retried a few times, then reported with the
 * original intact (E10); a full or read-only disk fails the write with the original intact and no
 * temp file left (E11). Temp files a killed write left beside a target are removed on the next
 * write or restore, so none lingers in the work tree.
 */
import { chmod, lstat, readdir, rmdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DesignGateError } from '../core/errors.js';
import { writeFileAtomic } from '../core/fs-atomic.js';
import { generatorMessages as m } from '../core/messages/generators.js';

export type WriteFile = (path: string, data: string | Uint8Array, options: { overwrite: boolean; mode?: number }) => Promise<void>;

const RETRYABLE = new Set(['EPERM', 'EBUSY', 'EACCES']);
const DELAYS_MS = [50, 150, 400];

export interface WriteOptions {
  /** Permission bits; default: those of the file being replaced, else 0644. */
  mode?: number;
  /** The atomic write (tests inject faults here). */
  writeFile?: WriteFile;
  /** How the target is named in messages. */
  display: string;
}

/**
 * Writes a target atomically with a bounded retry; throws DesignGateError('IO') naming the file
 * and the cause when it cannot.
 */
export async function writeTarget(abs: string, data: string | Uint8Array, options: WriteOptions): Promise<void> {
  const write = options.writeFile ?? writeFileAtomic;
  await removeStrayTemps(abs);
  const existing = await lstat(abs).catch(() => undefined);
  const mode = options.mode ?? (existing !== undefined ? existing.mode & 0o777 : 0o644);
  for (let attempt = 0; ; attempt++) {
    try {
      await write(abs, data, { overwrite: true, mode });
      await chmod(abs, mode);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (RETRYABLE.has(code) && attempt < DELAYS_MS.length) {
        await new Promise((r) => setTimeout(r, DELAYS_MS[attempt]));
        continue;
      }
      throw new DesignGateError('IO', m.writeFailed(options.display, code || (error instanceof Error ? error.message : String(error))), {
        fix: m.writeFailedFix(code),
        cause: error,
      });
    }
  }
}

/** Removes `.<name>.<12 hex>.tmp` files that a killed atomic write left beside `abs`. */
export async function removeStrayTemps(abs: string): Promise<string[]> {
  const dir = dirname(abs);
  const name = basename(abs);
  const names = await readdir(dir).catch(() => [] as string[]);
  const stray = names.filter((n) => n.startsWith(`.${name}.`) && /^\.[^]*\.[0-9a-f]{12}\.tmp$/.test(n) && n.length === name.length + 18);
  for (const n of stray) await unlink(join(dir, n)).catch(() => undefined);
  return stray;
}

export interface TargetBaseline {
  /** The content and mode before the session, or null when the file did not exist. */
  before: { data: Buffer; mode: number } | null;
  /** Folders (absolute) that did not exist before the session, deepest first. */
  createdDirs: string[];
}

/** Puts a target back as it was before the session: content and mode, or gone (with the folders the session created). */
export async function restoreTarget(abs: string, baseline: TargetBaseline, options: Omit<WriteOptions, 'mode'>): Promise<void> {
  await removeStrayTemps(abs);
  if (baseline.before !== null) {
    await writeTarget(abs, baseline.before.data, { ...options, mode: baseline.before.mode & 0o777 });
    return;
  }
  await unlink(abs).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  for (const dir of baseline.createdDirs) {
    const left = await readdir(dir).catch(() => undefined);
    if (left !== undefined && left.length === 0) await rmdir(dir).catch(() => undefined);
  }
}

/** The folders between `root` and `abs` that do not exist yet, deepest first. */
export async function missingFolders(root: string, abs: string): Promise<string[]> {
  const missing: string[] = [];
  for (let dir = dirname(abs); dir.length > root.length && dir.startsWith(root); dir = dirname(dir)) {
    if ((await lstat(dir).catch(() => undefined)) !== undefined) break;
    missing.push(dir);
  }
  return missing;
}
