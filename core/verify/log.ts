/**
 * Reads what every commit of a range changed in one `git log` process, oldest first (a parent
 * always before its children). Spawning `git diff-tree` per commit costs a process per commit
 * (seconds over 5,000 commits); one log with `--raw -z` is the git-CLI floor. Merges are read with
 * `--cc`, which lists only the paths whose merge result differs from every parent: exactly the
 * changes the merge itself made (an "evil merge"), since the rest was checked in the commits that
 * brought it in.
 */
import { DesignGateError } from '../errors.js';
import { runGit } from '../git/cli.js';
import { hookMessages as m } from '../messages/hooks.js';

/** One path a commit changed. Renames are a delete plus an add (`--no-renames`). */
export interface RangeChange {
  path: string;
  /** A added, M modified, D deleted, T type changed. */
  status: 'A' | 'M' | 'D' | 'T';
  /** Blob after the commit (absent when deleted). */
  oid?: string;
  /** Blob in the first parent (absent when added). */
  oldOid?: string;
}

export interface RangeCommit {
  oid: string;
  parents: string[];
  authorEmail: string;
  committerEmail: string;
  changes: RangeChange[];
}

export interface LogContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const FORMAT = '--format=%x1e%H%x1f%P%x1f%ae%x1f%ce';
// Replace objects and the user's log settings could make history say what its commits do not.
const SAFE = ['--no-replace-objects', '-c', 'log.showSignature=false', '-c', 'core.quotePath=false', '-c', 'diff.noprefix=false'];
const OID = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/;
const ZERO = /^0+$/;
const RAW = /^\n?(:+)((?:[0-7]{6} )+)((?:[0-9a-f]{40,64} )+)([A-Z]+)\d*$/;

/**
 * The commits `revisions` select (git's syntax: `[head, '^base']`, or `[head, '--not', '--remotes']`),
 * oldest first, each with the paths it changed.
 * @example await readRangeLog(ctx, [headOid, `^${baseOid}`]) // [{ oid, parents, changes: [{ path: 'src/a.ts', status: 'A', oid }] }]
 */
export async function readRangeLog(ctx: LogContext, revisions: readonly string[]): Promise<RangeCommit[]> {
  const args = [...SAFE, 'log', '--topo-order', '--reverse', '--root', '--raw', '--cc', '--no-renames', '--no-abbrev', '-z', '--no-color', FORMAT, ...revisions, '--'];
  const result = await runGit({ cwd: ctx.cwd, env: { ...ctx.env, GIT_OPTIONAL_LOCKS: '0' } }, args);
  if (result.code !== 0) {
    const detail = result.stderr.trim().split('\n')[0] || `exit ${result.code}`;
    throw new DesignGateError('GIT', m.logFailed(detail), { fix: m.logFailedFix });
  }
  return parseRangeLog(result.stdout.toString('utf8'));
}

/** Parses the output of `readRangeLog`'s `git log`; a stream of any other shape is a GIT error, never a shorter range. */
export function parseRangeLog(text: string): RangeCommit[] {
  const parts = text.split('\0');
  const commits: RangeCommit[] = [];
  const bad = (): never => {
    throw new DesignGateError('GIT', m.logUnreadable, { fix: m.logFailedFix });
  };
  let current: RangeCommit | undefined;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!.replace(/^\n/, '');
    if (part === '') continue;
    if (part.startsWith('\x1e')) {
      const [oid = '', parents = '', authorEmail = '', committerEmail = '', ...rest] = part.slice(1).split('\x1f');
      const parentList = parents === '' ? [] : parents.split(' ');
      if (rest.length > 0 || !OID.test(oid) || !parentList.every((p) => OID.test(p))) bad();
      current = { oid, parents: parentList, authorEmail, committerEmail, changes: [] };
      commits.push(current);
      continue;
    }
    const raw = RAW.exec(parts[i]!);
    const path = parts[i + 1];
    if (raw === null || current === undefined || path === undefined || path === '') bad();
    i++;
    current!.changes.push(toChange(raw!, path!, bad));
  }
  return commits;
}

/** One `:` (ordinary) or `::…` (combined, for a merge) raw line as a change against the first parent. */
function toChange(raw: RegExpExecArray, path: string, bad: () => never): RangeChange {
  const parents = raw[1]!.length;
  const oids = raw[3]!.trim().split(' ');
  if (oids.length !== parents + 1 || !oids.every((o) => OID.test(o))) bad();
  const after = oids[parents]!;
  const first = oids[0]!;
  const letters = raw[4]!;
  let status: RangeChange['status'];
  if (ZERO.test(after)) status = 'D';
  else if (ZERO.test(first)) status = 'A';
  else status = parents === 1 && letters === 'T' ? 'T' : 'M';
  return {
    path,
    status,
    ...(ZERO.test(after) ? {} : { oid: after }),
    ...(ZERO.test(first) ? {} : { oldOid: first }),
  };
}
