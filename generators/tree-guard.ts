/**
 * The work tree outside a session's two paths must come out of the session as it went in (E12,
 * E13). Git already knows which files differ from HEAD, cheaply: `git status` compares the index's
 * stat data, so the guard stamps only what it lists — modified, staged, deleted and untracked
 * files (ignored files are build output a test may write) — by status, size, mtime, inode and
 * mode. Stamped before and after a test run, a path that appears, disappears or changes stamp was
 * touched; it is put back from its baseline: the copy the session kept of a file that had
 * uncommitted changes when it started, else the file as committed at HEAD, else nothing (a file
 * the run created is removed). The cost is one `git status` and a handful of `lstat`s, whatever
 * the size of the repository.
 */
import { lstat, readFile, unlink, chmod } from 'node:fs/promises';
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { runGit } from '../core/git/cli.js';
import { DesignGateError } from '../core/errors.js';
import { writeFileAtomic } from '../core/fs-atomic.js';
import { generatorMessages as m } from '../core/messages/generators.js';

export interface FileStamp {
  /** git's two-letter status (`??` untracked, ` M` modified, ` D` deleted, …). */
  status: string;
  /** -1 when the file does not exist. */
  size: number;
  mtimeMs: number;
  ino: number;
  mode: number;
}

/** The paths `git status` lists, with their stamps; a path missing from the map matches HEAD. */
export type TreeStamps = Map<string, FileStamp>;

export interface TreeChanges {
  changed: string[];
  added: string[];
  removed: string[];
}

/** What a path held when the session started: bytes and mode, or null when it did not exist. */
export type BaselineOf = (repoPath: string) => Promise<{ data: Buffer; mode: number } | null>;

async function status(repoRoot: string, env: NodeJS.ProcessEnv): Promise<Array<{ path: string; status: string }>> {
  const result = await runGit({ cwd: repoRoot, env }, ['-c', 'core.quotePath=false', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames']);
  if (result.code !== 0) throw new DesignGateError('GIT', m.gitStatusFailed(result.stderr.trim().split('\n')[0] ?? ''), { fix: m.gitStatusFailedFix });
  return result.stdout
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((e) => ({ status: e.slice(0, 2), path: e.slice(3) }))
    .filter((e) => !e.path.startsWith('.designgate/'));
}

/** Stamps every path that differs from HEAD (designgate's own folder excluded). */
export async function stampTree(repoRoot: string, env: NodeJS.ProcessEnv): Promise<TreeStamps> {
  const stamps: TreeStamps = new Map();
  for (const entry of await status(repoRoot, env)) {
    // Synchronous: a few stats are cheaper than a trip through the thread pool each.
    const s = lstatSync(join(repoRoot, entry.path), { throwIfNoEntry: false });
    stamps.set(entry.path, s === undefined ? { status: entry.status, size: -1, mtimeMs: 0, ino: 0, mode: 0 } : { status: entry.status, size: s.size, mtimeMs: s.mtimeMs, ino: s.ino, mode: s.mode });
  }
  return stamps;
}

const same = (a: FileStamp, b: FileStamp) => a.status === b.status && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino && a.mode === b.mode;

/** Paths that were touched between two stampings: created, deleted, or changed. */
export function compareStamps(before: TreeStamps, after: TreeStamps): TreeChanges {
  const changed: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(path);
    const a = after.get(path);
    if (a !== undefined && b !== undefined && same(a, b)) continue;
    const existedBefore = b === undefined || b.size !== -1;
    const existsNow = a === undefined || a.size !== -1;
    if (!existedBefore && existsNow) added.push(path);
    else if (existedBefore && !existsNow) removed.push(path);
    else if (a?.status === '??' && b === undefined) added.push(path);
    else if (a === undefined && b?.status === '??') removed.push(path);
    else changed.push(path);
  }
  return { changed: changed.sort(), added: added.sort(), removed: removed.sort() };
}

/**
 * Paths with uncommitted changes (staged, unstaged, untracked; not ignored), from
 * `git status --porcelain -z`. These are the files whose baseline is not in git.
 */
export async function dirtyPaths(repoRoot: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  return (await status(repoRoot, env)).map((e) => e.path).sort();
}

/** The mode git records for a path at a commit (0o755 or 0o644), if it is there. */
export async function committedMode(repoRoot: string, env: NodeJS.ProcessEnv, rev: string, path: string): Promise<number | undefined> {
  const result = await runGit({ cwd: repoRoot, env }, ['ls-tree', '-z', '--full-tree', rev, '--', path]);
  const mode = /^(\d{6}) /.exec(result.stdout.toString('utf8'))?.[1];
  return mode === undefined ? undefined : mode === '100755' ? 0o755 : 0o644;
}

export interface RestoreReport {
  /** Paths put back to their baseline content. */
  restored: string[];
  /** Paths the run created, removed again. */
  removed: string[];
  /** Paths that merely got a new timestamp: content and mode were already the baseline's. */
  untouched: string[];
  /** Paths that could not be put back, with why. */
  failed: Array<{ path: string; reason: string }>;
}

/** Puts each path back to its baseline (content and mode), or removes it when it had none. */
export async function restorePaths(repoRoot: string, paths: readonly string[], baseline: BaselineOf): Promise<RestoreReport> {
  const report: RestoreReport = { restored: [], removed: [], untouched: [], failed: [] };
  for (const path of paths) {
    const abs = join(repoRoot, path);
    try {
      const base = await baseline(path);
      const info = await lstat(abs).catch(() => undefined);
      if (base === null) {
        if (info !== undefined) {
          await unlink(abs);
          report.removed.push(path);
        }
        continue;
      }
      if (info !== undefined && info.isFile() && (info.mode & 0o777) === (base.mode & 0o777)) {
        const now = await readFile(abs);
        if (now.equals(base.data)) {
          report.untouched.push(path);
          continue;
        }
      }
      if (info !== undefined && !info.isFile()) await unlink(abs);
      await writeFileAtomic(abs, base.data, { overwrite: true, mode: base.mode & 0o777 });
      await chmod(abs, base.mode & 0o777);
      report.restored.push(path);
    } catch (error) {
      report.failed.push({ path, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}
