/**
 * The git queries approval evidence needs, each one process however long the history: the commits
 * that changed the design paths, in topological order, with what they changed (one `git log --raw
 * -z` over the whole history), the line of commits a head adds on top of a known one
 * (`rev-list --parents`) and what those did (one `git log --no-walk --stdin`), which of a few
 * commits also touched anything else, and blob ids at `<commit>:<path>`. A per-file history walk per design
 * (isomorphic-git's `log({filepath})`) costs seconds; this costs a handful of git processes.
 *
 * Every command runs with replace objects off (they could make history say what its commits do
 * not) and with the user's log settings overridden, and its output is shape-checked: a malformed
 * stream is a GIT error, never a shorter history.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { DesignGateError } from '../errors.js';
import { approvalMessages as m } from '../messages/approval.js';

/** One file a commit changed against its first parent (renames are a delete plus an add). */
export interface FileChange {
  path: string;
  /** 'A' added, 'D' deleted, 'M' modified, 'T' type changed. */
  status: string;
  /** Blob before (absent when added). */
  oldOid?: string;
  /** Blob after (absent when deleted). */
  newOid?: string;
}

export interface CommitChanges {
  oid: string;
  authorEmail: string;
  committerEmail: string;
  changes: FileChange[];
}

export interface GitContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const RAW = /^\n?:(\d{6}) (\d{6}) ([0-9a-f]{40,64}) ([0-9a-f]{40,64}) ([A-Z])\d*$/;
const ZERO = /^0+$/;
const OID = /^[0-9a-f]{40,64}$/;
const FORMAT = '--format=%x1e%H%x00%ae%x00%ce';
const SAFE = ['--no-replace-objects', '-c', 'log.showSignature=false', '-c', 'core.quotePath=false', '-c', 'log.showRoot=true'];

interface Output {
  code: number;
  stdout: string;
  stderr: string;
}

function git(ctx: GitContext, args: readonly string[], input?: string): Promise<Output> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...SAFE, ...args], { cwd: ctx.cwd, env: { ...ctx.env, GIT_OPTIONAL_LOCKS: '0' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (error) => reject(new DesignGateError('GIT', m.historyFailed(error.message), { fix: m.historyFailedFix, cause: error })));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    // EPIPE when git exits early is reported through the exit code instead.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

async function gitOk(ctx: GitContext, args: readonly string[], input?: string): Promise<string> {
  const result = await git(ctx, args, input);
  if (result.code !== 0) {
    const detail = result.stderr.trim().split('\n')[0] || `exit ${result.code}`;
    throw new DesignGateError('GIT', m.historyFailed(detail), { fix: m.historyFailedFix });
  }
  return result.stdout;
}

/**
 * The non-merge commits reachable from `head` that change `pathspecs`, newest first in git's
 * topological order of the whole history, each with what it changed there against its parent: one
 * `git log --topo-order --full-history --no-merges --raw`. `--full-history` keeps every commit that
 * changes the paths (no simplification drops a side branch), and git sorts the whole walk before it
 * filters, so the order is `rev-list --topo-order`'s (tested on generated histories). Asked of git
 * once per context, head and pathspecs.
 * @example await designHistory(ctx, headOid, [':(top,literal)docs/design']) // [{ oid: '9fceb02…', changes: […] }, …]
 */
export function designHistory(ctx: GitContext, head: string, pathspecs: readonly string[]): Promise<CommitChanges[]> {
  let byKey = historyMemo.get(ctx);
  if (byKey === undefined) historyMemo.set(ctx, (byKey = new Map()));
  const key = `${head}\0${pathspecs.join('\0')}`;
  let found = byKey.get(key);
  if (found === undefined) {
    found = pathspecs.length === 0 ? Promise.resolve([]) : logHistory(ctx, head, pathspecs);
    byKey.set(key, found);
    // A failure is not remembered: the next caller asks again and reports it.
    const memo = byKey;
    found.catch(() => memo.delete(key));
  }
  return found;
}

/** Per context: verify starts the walk early (see prefetchEvidence) and the check reuses it. */
const historyMemo = new WeakMap<GitContext, Map<string, Promise<CommitChanges[]>>>();

async function logHistory(ctx: GitContext, head: string, pathspecs: readonly string[]): Promise<CommitChanges[]> {
  const out = await gitOk(ctx, ['log', '--topo-order', '--full-history', '--no-merges', '--no-renames', '--raw', '--no-abbrev', '-z', '--no-color', FORMAT, head, '--', ...pathspecs]);
  return parseLog(out).filter((c) => c.changes.length > 0);
}

/**
 * The commits reachable from `head` and not from `since`, newest first, when they are one line of
 * single-parent commits from `head` down to a child of `since` (a branch moved forward without a
 * merge); [] when `head` is `since`; undefined otherwise (a merge in between, `since` not an
 * ancestor, or a commit git does not have). Then git's topological order of `head`'s history is
 * this line followed by that of `since`: nothing else can be emitted before `since` is, because
 * every other commit is an ancestor of it (test/core/approval/history.test.ts checks it on
 * generated histories).
 * @example await linearSince(ctx, headOid, cachedHeadOid) // ['9fceb02…', '1a2b3c4…']
 */
export async function linearSince(ctx: GitContext, head: string, since: string): Promise<string[] | undefined> {
  if (head === since) return [];
  const result = await git(ctx, ['rev-list', '--topo-order', '--parents', head, `^${since}`, '--']);
  if (result.code !== 0) return undefined;
  const lines = result.stdout.split('\n').filter((l) => l !== '');
  const line: string[] = [];
  let expected = head;
  for (const text of lines) {
    const [oid, parent, extra] = text.split(' ');
    if (oid !== expected || parent === undefined || extra !== undefined || !OID.test(parent)) return undefined;
    line.push(oid);
    expected = parent;
  }
  return line.length > 0 && expected === since ? line : undefined;
}

/** Where the repository keeps its shared files, and the commits a shallow clone stops at. */
interface RepoPaths {
  commonDir: string;
  shallowFile: string | undefined;
}

/** One `rev-parse` per context answers both questions below (each spawn costs a few milliseconds). */
const repoPathsMemo = new WeakMap<GitContext, Promise<RepoPaths>>();

function repoPaths(ctx: GitContext): Promise<RepoPaths> {
  let found = repoPathsMemo.get(ctx);
  if (found === undefined) {
    found = gitOk(ctx, ['rev-parse', '--path-format=absolute', '--git-common-dir', '--is-shallow-repository', '--git-path', 'shallow']).then((out) => {
      const [commonDir, flag, shallowFile] = out.split('\n');
      return { commonDir: (commonDir ?? '').trim(), shallowFile: flag?.trim() === 'true' && shallowFile !== undefined ? shallowFile.trim() : undefined };
    });
    repoPathsMemo.set(ctx, found);
    // A failure is not remembered: the next caller asks again and reports it.
    found.catch(() => repoPathsMemo.delete(ctx));
  }
  return found;
}

/**
 * The shallow boundary of a shallow clone (commits whose parents are missing, which git diffs
 * against nothing), or undefined in a full clone: evidence older than the boundary is missing
 * rather than absent.
 */
export async function shallowBoundary(ctx: GitContext): Promise<Set<string> | undefined> {
  const { shallowFile } = await repoPaths(ctx);
  if (shallowFile === undefined) return undefined;
  const text = await readFile(shallowFile, 'utf8').catch(() => '');
  return new Set(text.split('\n').filter((l) => OID.test(l)));
}

/** The repository's common git directory (shared by linked worktrees), absolute. */
export async function commonGitDir(ctx: GitContext): Promise<string> {
  return (await repoPaths(ctx)).commonDir;
}

/**
 * What each of `oids` changed among `pathspecs` against its first parent, in one `git log`. Commits
 * that change none of them (merges included: git shows no diff for a merge here) are absent.
 */
export async function readChanges(ctx: GitContext, oids: readonly string[], pathspecs: readonly string[]): Promise<Map<string, CommitChanges>> {
  const result = new Map<string, CommitChanges>();
  if (oids.length === 0 || pathspecs.length === 0) return result;
  const out = await gitOk(
    ctx,
    ['log', '--no-walk=unsorted', '--stdin', '--no-renames', '--raw', '--no-abbrev', '-z', '--no-color', FORMAT, '--', ...pathspecs],
    `${oids.join('\n')}\n`,
  );
  for (const commit of parseLog(out)) if (commit.changes.length > 0) result.set(commit.oid, commit);
  return result;
}

/**
 * For each of `oids`, the first path it changes outside `pathspecs` ('' when none), in one `git log`.
 * An approval commit may change approval blocks only; this is how a code change in it is seen.
 */
export async function readOtherChanges(ctx: GitContext, oids: readonly string[], pathspecs: readonly string[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (oids.length === 0) return result;
  const excludes = pathspecs.map((p) => p.replace(/^:\(([^)]*)\)/, ':(exclude,$1)'));
  const out = await gitOk(
    ctx,
    ['log', '--no-walk=unsorted', '--stdin', '--no-renames', '--raw', '--no-abbrev', '-z', '--no-color', FORMAT, '--', ':(top)', ...excludes],
    `${oids.join('\n')}\n`,
  );
  for (const oid of oids) result.set(oid, '');
  for (const commit of parseLog(out)) result.set(commit.oid, commit.changes[0]?.path ?? '');
  return result;
}

/**
 * The non-merge commits in `base..head` that change any of `paths`, newest first (one `git log`).
 * @example await commitsTouching(ctx, baseOid, headOid, ['.designrc.json'])
 */
export async function commitsTouching(ctx: GitContext, base: string, head: string, paths: readonly string[]): Promise<string[]> {
  const out = await gitOk(ctx, ['log', '--no-merges', '--topo-order', '--no-renames', '--format=%H', `^${base}`, head, '--', ...paths.map((p) => `:(top,literal)${p}`)]);
  const oids = out.split('\n').filter((l) => l !== '');
  if (!oids.every((o) => OID.test(o))) throw new DesignGateError('GIT', m.historyUnreadable, { fix: m.historyFailedFix });
  return oids;
}

/**
 * Parses `git log --format=%x1e%H%x00%ae%x00%ce --raw -z` output as a stream of NUL-separated
 * fields, checking each field's shape.
 */
export function parseLog(text: string): CommitChanges[] {
  const parts = text.split('\0');
  const commits: CommitChanges[] = [];
  const bad = (): never => {
    throw new DesignGateError('GIT', m.historyUnreadable, { fix: m.historyFailedFix });
  };
  let i = 0;
  while (i < parts.length) {
    let first = parts[i] ?? '';
    if (first === '' || first === '\n') {
      i++;
      continue;
    }
    if (first.startsWith('\n')) first = first.slice(1);
    if (!first.startsWith('\x1e') || i + 2 >= parts.length) bad();
    const oid = first.slice(1);
    if (!OID.test(oid)) bad();
    const commit: CommitChanges = { oid, authorEmail: parts[i + 1] ?? '', committerEmail: parts[i + 2] ?? '', changes: [] };
    i += 3;
    for (;;) {
      const header = parts[i];
      if (header === undefined) break;
      const raw = RAW.exec(header);
      if (raw === null) break;
      const path = parts[i + 1];
      if (path === undefined || path === '') bad();
      i += 2;
      const oldOid = raw[3] as string;
      const newOid = raw[4] as string;
      commit.changes.push({
        path: path as string,
        status: raw[5] as string,
        ...(ZERO.test(oldOid) ? {} : { oldOid }),
        ...(ZERO.test(newOid) ? {} : { newOid }),
      });
    }
    commits.push(commit);
  }
  return commits;
}
