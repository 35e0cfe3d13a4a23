/**
 * Reads what every commit of a range changed in one `git log` process, oldest first (a parent
 * always before its children). Spawning `git diff-tree` per commit costs a process per commit
 * (seconds over 5,000 commits); one log with `--raw -z` is the git-CLI floor. Merges are read with
 * `--cc`, which lists only the paths whose merge result differs from every parent: exactly the
 * changes the merge itself made (an "evil merge"), since the rest was checked in the commits that
 * brought it in.
 */
import { StringDecoder } from 'node:string_decoder';
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
 * The range's commits, oldest first, with what each changes: one `git log --raw`, parsed as git
 * writes it (a 5,000-commit range is a megabyte that would otherwise be parsed only after git ends).
 */
export async function readRangeLog(ctx: LogContext, revisions: readonly string[]): Promise<RangeCommit[]> {
  const args = [...SAFE, 'log', '--topo-order', '--reverse', '--root', '--raw', '--cc', '--no-renames', '--no-abbrev', '-z', '--no-color', FORMAT, ...revisions, '--'];
  const parser = new RangeLogParser();
  const decoder = new StringDecoder('utf8');
  let failure: unknown;
  const result = await runGit({ cwd: ctx.cwd, env: { ...ctx.env, GIT_OPTIONAL_LOCKS: '0' } }, args, (chunk) => {
    if (failure !== undefined) return;
    try {
      parser.push(decoder.write(chunk));
    } catch (error) {
      failure = error;
    }
  });
  if (result.code !== 0) {
    const detail = result.stderr.trim().split('\n')[0] || `exit ${result.code}`;
    throw new DesignGateError('GIT', m.logFailed(detail), { fix: m.logFailedFix });
  }
  if (failure !== undefined) throw failure;
  parser.push(decoder.end());
  return parser.end();
}

/**
 * @example parseRangeLog(stdoutOfGitLog) // [{ oid, parents, authorEmail, committerEmail, changes }, …]
 */
export function parseRangeLog(text: string): RangeCommit[] {
  const parser = new RangeLogParser();
  parser.push(text);
  return parser.end();
}

/** The `-z` stream as a state machine over its NUL-separated tokens, fed in any pieces. */
export class RangeLogParser {
  private readonly commits: RangeCommit[] = [];
  private current: RangeCommit | undefined;
  /** The unfinished token at the end of what arrived so far. */
  private pending = '';
  /** A `:mode… oid… status` token waiting for its path, the next token. */
  private raw: RegExpExecArray | undefined;

  push(text: string): void {
    if (text === '') return;
    const parts = (this.pending + text).split('\0');
    this.pending = parts.pop()!;
    for (const part of parts) this.token(part);
  }

  end(): RangeCommit[] {
    if (this.pending !== '') this.token(this.pending);
    this.pending = '';
    if (this.raw !== undefined) bad();
    return this.commits;
  }

  private token(token: string): void {
    if (this.raw !== undefined) {
      if (token === '') bad();
      this.current!.changes.push(toChange(this.raw, token, bad));
      this.raw = undefined;
      return;
    }
    const part = token.replace(/^\n/, '');
    if (part === '') return;
    if (part.startsWith('\x1e')) {
      const [oid = '', parents = '', authorEmail = '', committerEmail = '', ...rest] = part.slice(1).split('\x1f');
      const parentList = parents === '' ? [] : parents.split(' ');
      if (rest.length > 0 || !OID.test(oid) || !parentList.every((p) => OID.test(p))) bad();
      this.current = { oid, parents: parentList, authorEmail, committerEmail, changes: [] };
      this.commits.push(this.current);
      return;
    }
    const raw = RAW.exec(token);
    if (raw === null || this.current === undefined) bad();
    this.raw = raw!;
  }
}

function bad(): never {
  throw new DesignGateError('GIT', m.logUnreadable, { fix: m.logFailedFix });
}

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
