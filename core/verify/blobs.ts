/**
 * What a path holds at any commit of a range, answered from the range's own log where possible:
 * the blob a commit left is the one its nearest first-parent ancestor in the range changed the path
 * to, or what git says at the range's edge (asked once per path). Verifying 5,000 commits asks for
 * the design and test of every changed code file at its commit; asking `cat-file` costs a round
 * trip per question, while the log already says which blob every commit left. Each (path, commit)
 * answer is computed once, in typed arrays indexed by commit; contents are read once per blob.
 */
import { createHash } from 'node:crypto';
import type { GitAdapter } from '../git/types.js';
import type { RangeCommit } from './log.js';

const UNKNOWN = -2;
const ABSENT = -1;
/** parentOf[i] for a commit with no parent, with several (a merge), or whose parent is outside the range. */
const ROOT = -1;
const MERGE = -2;
const OUTSIDE = -3;

export class RangeBlobs {
  private readonly index = new Map<string, number>();
  private readonly oids: string[] = [];
  private readonly firstParent: Array<string | undefined> = [];
  private readonly parentOf: Int32Array;
  /** path → commit index → blob number (or ABSENT), for the commits that change the path. */
  private readonly changed = new Map<string, Map<number, number>>();
  /** path → per commit: the blob number there, ABSENT, or UNKNOWN until asked. */
  private readonly memo = new Map<string, Int32Array>();
  private readonly blobNumbers = new Map<string, number>();
  private readonly blobIds: string[] = [];
  /** `${commit}\0${path}` → blob number, for commits git is asked about (the edge, merges). */
  private readonly asked = new Map<string, Promise<number>>();
  private readonly contents = new Map<string, Promise<Buffer | undefined>>();
  private readonly texts = new Map<string, Promise<string | undefined>>();
  /**
   * Set when every commit's first parent is the commit before it (a linear range, the usual pull
   * request): then the answer for a path at commit i is its last change at or before i, found by
   * binary search in `changedAt` instead of walking parents.
   */
  private readonly linear: boolean;
  /** path → the indices of the commits that change it, ascending. */
  private readonly changedAt = new Map<string, number[]>();

  constructor(
    private readonly git: GitAdapter,
    commits: readonly RangeCommit[],
  ) {
    commits.forEach((c, i) => {
      this.index.set(c.oid, i);
      this.oids.push(c.oid);
      this.firstParent.push(c.parents[0]);
    });
    this.parentOf = new Int32Array(commits.length);
    commits.forEach((c, i) => {
      const parent = c.parents.length === 1 ? this.index.get(c.parents[0]!) : undefined;
      this.parentOf[i] = c.parents.length === 0 ? ROOT : c.parents.length > 1 ? MERGE : (parent ?? OUTSIDE);
      for (const change of c.changes) {
        let byCommit = this.changed.get(change.path);
        if (byCommit === undefined) this.changed.set(change.path, (byCommit = new Map()));
        byCommit.set(i, change.oid === undefined ? ABSENT : this.number(change.oid));
        let at = this.changedAt.get(change.path);
        if (at === undefined) this.changedAt.set(change.path, (at = []));
        if (at[at.length - 1] !== i) at.push(i);
      }
    });
    this.linear = commits.every((_, i) => (i === 0 ? this.parentOf[0]! === ROOT || this.parentOf[0]! === OUTSIDE : this.parentOf[i] === i - 1));
  }

  /**
   * True when the range is linear and no commit of it changes `path`: then every commit of the range
   * holds what its edge holds there, and a caller comparing commits need not ask.
   * @example blobs.unchangedOnLine('docs/design/a.md') // true for a pull request that leaves it alone
   */
  unchangedOnLine(path: string): boolean {
    return this.linear && !this.changedAt.has(path);
  }

  /**
   * The blob id of `path` at `commit` (in the range or not), or undefined when the path is absent there.
   * @example await blobs.oidAt(commitOid, 'docs/design/a.md') // '5f0c…'
   */
  async oidAt(commit: string, path: string): Promise<string | undefined> {
    const start = this.index.get(commit);
    const n = start === undefined ? await this.askGit(commit, path) : await this.inRange(start, path);
    return n === ABSENT ? undefined : this.blobIds[n];
  }

  /** The content of `path` at `commit`, read once per blob. */
  async read(commit: string, path: string): Promise<Buffer | undefined> {
    const oid = await this.oidAt(commit, path);
    return oid === undefined ? undefined : this.blob(oid);
  }

  /** The content of `path` at `commit` as text, decoded once per blob (5,000 commits may share one design). */
  async text(commit: string, path: string): Promise<string | undefined> {
    const oid = await this.oidAt(commit, path);
    if (oid === undefined) return undefined;
    let text = this.texts.get(oid);
    if (text === undefined) this.texts.set(oid, (text = this.blob(oid).then((b) => b?.toString('utf8'))));
    return text;
  }

  /** The content of a blob, read once. */
  blob(oid: string): Promise<Buffer | undefined> {
    let content = this.contents.get(oid);
    if (content === undefined) this.contents.set(oid, (content = this.git.readBlob(oid)));
    return content;
  }

  /** Walks first parents from commit `start` to the nearest answer, then records it for every commit passed. */
  private async inRange(start: number, path: string): Promise<number> {
    if (this.linear) return this.inLinearRange(start, path);
    let memo = this.memo.get(path);
    if (memo === undefined) this.memo.set(path, (memo = new Int32Array(this.oids.length).fill(UNKNOWN)));
    const changes = this.changed.get(path);
    const passed: number[] = [];
    let i = start;
    let answer: number;
    for (;;) {
      if (memo[i] !== UNKNOWN) {
        answer = memo[i]!;
        break;
      }
      const change = changes?.get(i);
      if (change !== undefined) {
        answer = change;
        break;
      }
      const parent = this.parentOf[i]!;
      // The root's changes list every file it has; a merge lists only its own changes (--cc).
      if (parent === ROOT) answer = ABSENT;
      else if (parent === MERGE) answer = await this.askGit(this.oids[i]!, path);
      else if (parent === OUTSIDE) answer = await this.askGit(this.firstParent[i]!, path);
      else {
        passed.push(i);
        i = parent;
        continue;
      }
      break;
    }
    memo[i] = answer;
    for (const j of passed) memo[j] = answer;
    return answer;
  }

  /** The same answer on a linear range: the path's last change at or before `start`, else the range's edge. */
  private inLinearRange(start: number, path: string): Promise<number> | number {
    const at = this.changedAt.get(path);
    let lo = 0;
    let hi = (at?.length ?? 0) - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (at![mid]! <= start) {
        found = at![mid]!;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found >= 0) return this.changed.get(path)!.get(found)!;
    return this.parentOf[0] === ROOT ? ABSENT : this.askGit(this.firstParent[0]!, path);
  }

  private number(oid: string): number {
    let n = this.blobNumbers.get(oid);
    if (n === undefined) {
      n = this.blobIds.length;
      this.blobIds.push(oid);
      this.blobNumbers.set(oid, n);
    }
    return n;
  }

  /** Outside the range, or at a merge: git reads the path at that commit, and the blob is named from its content. */
  private askGit(commit: string, path: string): Promise<number> {
    const key = `${commit}\0${path}`;
    let n = this.asked.get(key);
    if (n === undefined) {
      n = this.git.readAt(commit, path).then((content) => {
        if (content === undefined) return ABSENT;
        const oid = gitBlobId(content, commit.length);
        if (!this.contents.has(oid)) this.contents.set(oid, Promise.resolve(content));
        return this.number(oid);
      });
      this.asked.set(key, n);
    }
    return n;
  }
}

/** The id git gives a blob (SHA-1, or SHA-256 in a repository whose ids are 64 digits). */
export function gitBlobId(content: Buffer, oidLength = 40): string {
  return createHash(oidLength === 64 ? 'sha256' : 'sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}
