/**
 * The evidence index: for each design path, the commits that changed it (newest first, from one
 * pass over history), what each blob of it says (its digest, its approval block), and the search
 * for the commit that added an approver to a design's current approval. Commit changes and blob
 * facts are cached in `.git/designgate/evidence-cache.json`, authenticated (see cache.ts); in
 * addition, what each chosen approval commit wrote is re-read from git objects (`confirmAfter`).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { GitAdapter } from '../git/types.js';
import { tryReadFrontmatter } from '../frontmatter.js';
import { digestOf } from '../digest.js';
import { approverKeys, readApprovalBlock, type BlockRead } from './block.js';
import { EvidenceStore, loadCacheKey, type BlobFacts } from './cache.js';
import { unsafeIdentity } from './identity.js';
import {
  commonGitDir,
  shallowBoundary,
  designHistory,
  linearSince,
  readChanges,
  readOtherChanges,
  type FileChange,
  type GitContext,
} from './history.js';

export type { BlobFacts } from './cache.js';

/** One change of one path by one (non-merge) commit. */
export interface PathEntry {
  commit: string;
  authorEmail: string;
  committerEmail: string;
  change: FileChange;
}

export interface EvidenceOptions {
  ctx: GitContext;
  git: GitAdapter;
  /** The commit whose history holds the evidence (a full id). */
  head: string;
  /**
   * Repository-relative folders holding every design ('' for the whole repository). History is
   * read for these folders only; `otherPath` reports changes outside them.
   */
  scopes: readonly string[];
  /** The run's cache (see `openEvidenceStore`). */
  store: EvidenceStore;
}

/** What an approval's history says about one approver of one digest. */
export type Introduction =
  | { kind: 'introduced'; entry: PathEntry }
  | { kind: 'withdrawn'; entry: PathEntry }
  | { kind: 'none' };

/** What a design's text says, computed the same way for blobs in history and for the text in hand. */
export function factsOf(path: string, text: string): BlobFacts {
  const read = tryReadFrontmatter(text, path);
  if (!read.ok) return { by: [], malformed: false, statusApproved: false, identitiesSafe: true };
  return factsOfDoc(digestOf(path, read.doc), readApprovalBlock(read.doc.data), read.doc.data);
}

/** The facts of a document already read: its digest, its approval block and its status. */
export function factsOfDoc(digest: string, block: BlockRead, data: Record<string, unknown>): BlobFacts {
  const statusApproved = data['status'] === 'approved';
  if (block.kind === 'ok') {
    const identitiesSafe = block.block.by.every((i) => unsafeIdentity(i) === undefined);
    return { digest, approvalDigest: block.block.digest, by: approverKeys(block.block), malformed: false, statusApproved, identitiesSafe };
  }
  return { digest, by: [], malformed: block.kind === 'malformed', statusApproved, identitiesSafe: true };
}

/** The git blob id of a text (SHA-1, or SHA-256 when `oidLength` is 64), as `git hash-object` computes it. */
export function blobOid(text: string, oidLength = 40): string {
  return bufferOid(Buffer.from(text, 'utf8'), oidLength);
}

function bufferOid(content: Buffer, oidLength: number): string {
  return createHash(oidLength === 64 ? 'sha256' : 'sha1')
    .update(`blob ${content.length}\0`)
    .update(content)
    .digest('hex');
}

/** Folder pathspecs for git, literal and from the top of the repository. */
export function scopePathspecs(scopes: readonly string[]): string[] {
  const unique = [...new Set(scopes.map((s) => s.replace(/\/+$/, '')))].sort();
  if (unique.includes('')) return [':(top)'];
  // Drop folders inside another listed folder.
  const kept = unique.filter((s) => !unique.some((o) => o !== s && s.startsWith(`${o}/`)));
  return kept.map((s) => `:(top,literal)${s}`);
}

/**
 * The cache for `scopes`: `.git/designgate/evidence-cache.json`, authenticated with the key in
 * `cacheKeyDir` (the user's cache folder). Without a key folder nothing is cached.
 */
export function openEvidenceStore(ctx: GitContext, scopes: readonly string[], cacheKeyDir: string | undefined): Promise<EvidenceStore> {
  const scope = JSON.stringify(scopePathspecs(scopes));
  const key = `${scope}\0${cacheKeyDir ?? ''}`;
  let byKey = storeMemo.get(ctx);
  if (byKey === undefined) storeMemo.set(ctx, (byKey = new Map()));
  let found = byKey.get(key);
  if (found === undefined) {
    found = loadStore(ctx, scope, cacheKeyDir);
    byKey.set(key, found);
    const memo = byKey;
    found.catch(() => memo.delete(key));
  }
  return found;
}

/** One store per context and scope: the approval checks of one run share what they learn. */
const storeMemo = new WeakMap<GitContext, Map<string, Promise<EvidenceStore>>>();

/**
 * Starts reading what an approval check of `head` will need — the commit list, the shallow
 * boundary and the cache — so it overlaps other work (verify starts it while git writes the range's
 * log). Errors are not reported here: the check asks again and reports them.
 */
export function prefetchEvidence(ctx: GitContext, head: string, scopes: readonly string[], cacheKeyDir: string | undefined): void {
  shallowBoundary(ctx).catch(() => undefined);
  openEvidenceStore(ctx, scopes, cacheKeyDir)
    .then((store) => designCommits(ctx, head, store, scopePathspecs(scopes)))
    .catch(() => undefined);
}

/**
 * The commits reachable from `head` that change the design folders, newest first in git's
 * topological order; their changes are in `store.commits` afterwards. Where the store's last walk
 * is of `head`, or of a commit `head` only adds a line of single-parent commits to (linearSince),
 * only the new commits are read: a commit or a push does not walk the whole history again. Else
 * one `git log` over the whole history reads them (designHistory). Asked once per store and head.
 */
function designCommits(ctx: GitContext, head: string, store: EvidenceStore, pathspecs: readonly string[]): Promise<string[]> {
  let byHead = walkMemo.get(store);
  if (byHead === undefined) walkMemo.set(store, (byHead = new Map()));
  let found = byHead.get(head);
  if (found === undefined) {
    found = walkHistory(ctx, head, store, pathspecs);
    byHead.set(head, found);
    const memo = byHead;
    found.catch(() => memo.delete(head));
  }
  return found;
}

const walkMemo = new WeakMap<EvidenceStore, Map<string, Promise<string[]>>>();

async function walkHistory(ctx: GitContext, head: string, store: EvidenceStore, pathspecs: readonly string[]): Promise<string[]> {
  const boundary = await shallowBoundary(ctx);
  const shallow = boundary === undefined ? '' : [...boundary].sort().join(',');
  const last = store.walk;
  if (last !== undefined && last.shallow === shallow) {
    const line = await linearSince(ctx, head, last.head);
    if (line !== undefined) {
      if (line.length === 0) return last.commits;
      await learnChanges(ctx, line, store, pathspecs);
      const commits = [...line.filter((c) => store.commits.get(c) !== 0), ...last.commits];
      store.walk = { head, shallow, commits };
      store.markDirty();
      return commits;
    }
  }
  const history = await designHistory(ctx, head, pathspecs);
  for (const c of history) store.commits.set(c.oid, [c.authorEmail, c.committerEmail, c.changes]);
  const commits = history.map((c) => c.oid);
  store.walk = { head, shallow, commits };
  store.markDirty();
  return commits;
}

/** What each of `commits` the store lacks did to the design folders (one `git log`). */
async function learnChanges(ctx: GitContext, commits: readonly string[], store: EvidenceStore, pathspecs: readonly string[]): Promise<void> {
  const missing = commits.filter((c) => !store.commits.has(c));
  if (missing.length === 0) return;
  const read = await readChanges(ctx, missing, pathspecs);
  for (const oid of missing) {
    const found = read.get(oid);
    store.commits.set(oid, found === undefined ? 0 : [found.authorEmail, found.committerEmail, found.changes]);
  }
  store.markDirty();
}

async function loadStore(ctx: GitContext, scope: string, cacheKeyDir: string | undefined): Promise<EvidenceStore> {
  if (cacheKeyDir === undefined) return EvidenceStore.memory(scope);
  const [key, gitDir] = await Promise.all([loadCacheKey(cacheKeyDir), commonGitDir(ctx)]);
  if (key === undefined) return EvidenceStore.memory(scope);
  return EvidenceStore.load(join(gitDir, 'designgate', 'evidence-cache.json'), scope, key);
}

export class EvidenceIndex {
  readonly head: string;
  readonly shallow: boolean;
  /** The commits that change the design folders, newest first (topological). */
  readonly commits: readonly string[];
  /** Commits of a shallow clone's boundary: git diffs them against nothing, so they introduce nothing. */
  private readonly boundary: Set<string>;
  private readonly byPath: Map<string, PathEntry[]>;
  private readonly options: EvidenceOptions;
  private readonly store: EvidenceStore;
  private readonly pathspecs: string[];
  private readonly pendingFacts = new Map<string, Promise<BlobFacts>>();

  private constructor(options: EvidenceOptions, boundary: Set<string> | undefined, commits: string[], byPath: Map<string, PathEntry[]>) {
    this.options = options;
    this.store = options.store;
    this.head = options.head;
    this.shallow = boundary !== undefined;
    this.boundary = boundary ?? new Set();
    this.commits = commits;
    this.byPath = byPath;
    this.pathspecs = scopePathspecs(options.scopes);
  }

  /**
   * Reads the commit list, and what the commits the cache lacks did to the design folders, in one
   * `git log` (see history.ts).
   * @example const index = await EvidenceIndex.open({ ctx, git, head, scopes: ['docs/design'], store })
   */
  static async open(options: EvidenceOptions): Promise<EvidenceIndex> {
    const { store } = options;
    const [commits, boundary] = await Promise.all([designCommits(options.ctx, options.head, store, scopePathspecs(options.scopes)), shallowBoundary(options.ctx)]);
    const byPath = new Map<string, PathEntry[]>();
    for (const oid of commits) {
      const cached = store.commits.get(oid);
      if (cached === undefined || cached === 0) continue;
      const [authorEmail, committerEmail, changes] = cached;
      for (const change of changes) {
        let list = byPath.get(change.path);
        if (list === undefined) byPath.set(change.path, (list = []));
        list.push({ commit: oid, authorEmail, committerEmail, change });
      }
    }
    return new EvidenceIndex(options, boundary, commits, byPath);
  }

  /** The non-merge commits that changed `path`, newest first. */
  entries(path: string): readonly PathEntry[] {
    return this.byPath.get(path) ?? [];
  }

  /** Every change a commit made inside the design folders. */
  changesOf(commit: string): FileChange[] {
    const cached = this.store.commits.get(commit);
    return cached === undefined || cached === 0 ? [] : cached[2];
  }

  /** What the blob `oid` says as the document at `path` (cached; both are immutable). */
  facts(path: string, oid: string): Promise<BlobFacts> {
    const key = `${path}\0${oid}`;
    const known = this.store.blobs.get(key);
    if (known !== undefined) return Promise.resolve(known);
    let pending = this.pendingFacts.get(key);
    if (pending === undefined) {
      pending = this.options.git.readBlob(oid).then((content) => {
        const facts = factsOf(path, content.toString('utf8'));
        this.store.blobs.set(key, facts);
        this.store.markDirty();
        return facts;
      });
      this.pendingFacts.set(key, pending);
    }
    return pending;
  }

  /** Reads the "changes outside the design folders" of several commits at once (one git process). */
  async prefetchOthers(commits: readonly string[]): Promise<void> {
    const missing = [...new Set(commits)].filter((c) => !this.store.others.has(c));
    if (missing.length === 0) return;
    const read = await readOtherChanges(this.options.ctx, missing, this.pathspecs);
    for (const [oid, path] of read) this.store.others.set(oid, path);
    this.store.markDirty();
  }

  /** The first path outside the design folders that `commit` changes ('' when none). */
  async otherPath(commit: string): Promise<string> {
    await this.prefetchOthers([commit]);
    return this.store.others.get(commit) ?? '';
  }

  /**
   * The newest commit that added `email` to an approval of `digest` in `path`, or that removed it
   * (a withdrawal; the approval now present was then put back without evidence).
   */
  async findIntroduction(path: string, digest: string, email: string): Promise<Introduction> {
    const has = async (oid: string | undefined): Promise<boolean> => {
      if (oid === undefined) return false;
      const f = await this.facts(path, oid);
      return f.approvalDigest === digest && f.by.includes(email);
    };
    for (const entry of this.entries(path)) {
      if (this.boundary.has(entry.commit)) return { kind: 'none' };
      const [before, after] = await Promise.all([has(entry.change.oldOid), has(entry.change.newOid)]);
      if (after && !before) return { kind: 'introduced', entry };
      if (before && !after) return { kind: 'withdrawn', entry };
    }
    return { kind: 'none' };
  }

  /**
   * Re-reads from git objects, not from the cache, what each chosen introduction's commit wrote:
   * the blob at `<commit>:<path>` (through the adapter's open `cat-file --batch`, its id computed
   * from its bytes) and that blob's facts. `fresh` holds facts already computed from text in hand
   * (the design as it stands), keyed `${path}\0${blob id}`. The answer is undefined where git
   * disagrees with the index.
   */
  async confirmAfter(
    items: readonly { path: string; entry: PathEntry }[],
    fresh: ReadonlyMap<string, BlobFacts>,
  ): Promise<Array<BlobFacts | undefined>> {
    return Promise.all(
      items.map(async (item) => {
        const content = await this.options.git.readAt(item.entry.commit, item.path);
        if (content === undefined) return undefined;
        const oid = bufferOid(content, this.head.length);
        if (oid !== item.entry.change.newOid) return undefined;
        return fresh.get(`${item.path}\0${oid}`) ?? factsOf(item.path, content.toString('utf8'));
      }),
    );
  }

  /**
   * Blob ids of `path` at `head` for many paths at once (undefined where absent), read through the
   * adapter's open `cat-file --batch` rather than a process of their own.
   */
  async headBlobs(paths: readonly string[]): Promise<Map<string, string | undefined>> {
    const ids = await Promise.all(
      paths.map(async (p) => {
        const content = await this.options.git.readAt(this.head, p);
        return content === undefined ? undefined : bufferOid(content, this.head.length);
      }),
    );
    return new Map(paths.map((p, i) => [p, ids[i]]));
  }
}
