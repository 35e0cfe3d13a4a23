/**
 * The evidence cache in `.git/designgate/evidence-cache.json`. It holds only pure functions of
 * immutable objects: what a commit changed among the design folders (by commit id, for one set of
 * pathspecs) and what a design blob says (by path and blob id).
 *
 * Never trusted blindly. The file is authenticated with an HMAC whose key lives outside the
 * repository (the user's cache folder, mode 0600), so a cache planted in `.git` — by a CI cache
 * restored from another branch, a copied checkout, or a hand edit — fails the check and is ignored,
 * as is one that is corrupt, from another version or oversized. Every entry is shape-checked too.
 * Writes are atomic: two runs at once can lose an update, never leave a torn file.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TargetExistsError, writeFileAtomic } from '../fs-atomic.js';
import type { FileChange } from './history.js';

/** What a commit did to the design folders: author and committer emails and the changes, or 0 for none. */
export type CachedCommit = 0 | [authorEmail: string, committerEmail: string, changes: FileChange[]];

/** What a design blob says. `digest` is absent when its frontmatter is unreadable. */
export interface BlobFacts {
  /** The document's own digest at that path. */
  digest?: string;
  /** `approval.digest`, when the block is well-formed. */
  approvalDigest?: string;
  /** Lower-cased emails in `approval.by` (distinct), when the block is well-formed. */
  by: string[];
  /** True when the approval block exists but cannot be read. */
  malformed: boolean;
  /** `status: approved` is written (a display value, reported when no approval backs it). */
  statusApproved: boolean;
  /** Every identity in `approval.by` passes the confusable/invisible-character check. */
  identitiesSafe: boolean;
}

// 3: commits that change no design are one comma-separated string (`none`), not an entry each:
// most commits change none, and one string parses and checks in a fraction of the time; and the
// last history walk (`walk`), so a later run need not walk the whole history again.
const VERSION = 3;
/** Past this many entries the cache starts over rather than grow without bound. */
const MAX_ENTRIES = 500_000;
const KEY_FILE = 'evidence-cache.key';

const isString = (v: unknown): v is string => typeof v === 'string';
const OID = /^[0-9a-f]{40,64}$/;

function validChange(v: unknown): v is FileChange {
  if (v === null || typeof v !== 'object') return false;
  const c = v as Record<string, unknown>;
  return (
    isString(c['path']) &&
    isString(c['status']) &&
    (c['oldOid'] === undefined || (isString(c['oldOid']) && OID.test(c['oldOid']))) &&
    (c['newOid'] === undefined || (isString(c['newOid']) && OID.test(c['newOid'])))
  );
}

function validCommit(v: unknown): v is CachedCommit {
  if (v === 0) return true;
  return Array.isArray(v) && v.length === 3 && isString(v[0]) && isString(v[1]) && Array.isArray(v[2]) && v[2].every(validChange);
}

function validFacts(v: unknown): v is BlobFacts {
  if (v === null || typeof v !== 'object') return false;
  const f = v as Record<string, unknown>;
  return (
    (f['digest'] === undefined || isString(f['digest'])) &&
    (f['approvalDigest'] === undefined || isString(f['approvalDigest'])) &&
    Array.isArray(f['by']) &&
    f['by'].every(isString) &&
    typeof f['malformed'] === 'boolean' &&
    typeof f['statusApproved'] === 'boolean' &&
    typeof f['identitiesSafe'] === 'boolean'
  );
}

/**
 * The user's cache key (32 random bytes, hex) in `keyDir`, made on first use with mode 0600.
 * Undefined when the folder cannot be written: then nothing is cached.
 */
export async function loadCacheKey(keyDir: string): Promise<Buffer | undefined> {
  const file = join(keyDir, KEY_FILE);
  const read = async (): Promise<Buffer | undefined> => {
    const text = (await readFile(file, 'utf8').catch(() => '')).trim();
    return /^[0-9a-f]{64}$/.test(text) ? Buffer.from(text, 'hex') : undefined;
  };
  const existing = await read();
  if (existing !== undefined) return existing;
  try {
    await writeFileAtomic(file, `${randomBytes(32).toString('hex')}\n`, { overwrite: false, mode: 0o600 });
  } catch (error) {
    // Another run made it first: use theirs. Anything else: no cache this time.
    if (!(error instanceof TargetExistsError)) return undefined;
  }
  return read();
}

/**
 * The commits that change the design folders among those reachable from `head`, newest first in
 * git's topological order, for the shallow boundary `shallow` (sorted ids, comma-separated; '' in a
 * full clone). The next run at a head that only adds a line of commits on top starts from it.
 */
export interface CachedWalk {
  head: string;
  shallow: string;
  commits: string[];
}

/** The cache of one run: loaded once, written back at the end when it learned something. */
export class EvidenceStore {
  readonly commits = new Map<string, CachedCommit>();
  /** The last history walk of this scope (see CachedWalk). */
  walk: CachedWalk | undefined;
  /** commit id → the first path outside the design folders it changes ('' for none). */
  readonly others = new Map<string, string>();
  /** `${path}\0${blob id}` → facts. */
  readonly blobs = new Map<string, BlobFacts>();
  private dirty = false;

  private constructor(
    /** The pathspecs the commit entries were recorded for; other pathspecs start the commits afresh. */
    readonly scope: string,
    private readonly file: string | undefined,
    private readonly key: Buffer | undefined,
  ) {}

  /** A store that reads and writes nothing. */
  static memory(scope: string): EvidenceStore {
    return new EvidenceStore(scope, undefined, undefined);
  }

  /**
   * Loads `file` when its HMAC under `key` holds and every entry has the right shape; else starts empty.
   * @example const store = await EvidenceStore.load('/repo/.git/designgate/evidence-cache.json', scope, key)
   */
  static async load(file: string, scope: string, key: Buffer): Promise<EvidenceStore> {
    const store = new EvidenceStore(scope, file, key);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined && !store.fill(text)) {
      store.commits.clear();
      store.others.clear();
      store.blobs.clear();
      store.walk = undefined;
    }
    return store;
  }

  markDirty(): void {
    this.dirty = true;
  }

  /** Writes the cache atomically when this run learned something; a failure only costs speed. */
  async save(): Promise<void> {
    if (!this.dirty || this.file === undefined || this.key === undefined) return;
    const changed: Record<string, CachedCommit> = {};
    const none: string[] = [];
    for (const [oid, value] of this.commits) {
      if (value === 0) none.push(oid);
      else changed[oid] = value;
    }
    const body = JSON.stringify({
      version: VERSION,
      scope: this.scope,
      commits: changed,
      none: none.join(','),
      walk: this.walk === undefined ? null : { head: this.walk.head, shallow: this.walk.shallow, commits: this.walk.commits.join(',') },
      others: Object.fromEntries(this.others),
      blobs: Object.fromEntries(this.blobs),
    });
    try {
      await writeFileAtomic(this.file, `${mac(this.key, body)}\n${body}`, { overwrite: true });
      this.dirty = false;
    } catch {
      // A read-only .git or a full disk: the next run rebuilds what it needs.
    }
  }

  /** Fills the maps from the file's text; false when anything fails a check. */
  private fill(text: string): boolean {
    const nl = text.indexOf('\n');
    if (nl !== 64 || this.key === undefined) return false;
    const body = text.slice(nl + 1);
    const expected = Buffer.from(mac(this.key, body), 'hex');
    const actual = Buffer.from(text.slice(0, nl), 'hex');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return false;
    let raw: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed === null || typeof parsed !== 'object') return false;
      raw = parsed as Record<string, unknown>;
    } catch {
      return false;
    }
    if (raw['version'] !== VERSION) return false;
    const { blobs, commits, none, others } = raw;
    if (blobs === null || typeof blobs !== 'object' || commits === null || typeof commits !== 'object' || others === null || typeof others !== 'object') return false;
    const quiet = readOidList(none);
    if (quiet === undefined) return false;
    for (const [key, value] of Object.entries(blobs)) {
      if (!validFacts(value) || !OID.test(key.slice(key.lastIndexOf('\0') + 1))) return false;
      this.blobs.set(key, value);
    }
    if (raw['scope'] === this.scope) {
      for (const [oid, value] of Object.entries(commits)) {
        if (!OID.test(oid) || !validCommit(value) || value === 0) return false;
        this.commits.set(oid, value);
      }
      for (const oid of quiet) this.commits.set(oid, 0);
      const walk = raw['walk'];
      if (walk !== null && walk !== undefined) {
        const read = readWalk(walk);
        if (read === undefined) return false;
        // Every commit of the walk must have its changes here: a missing one (a withdrawal, say)
        // would let an older approval stand. A walk that does not hold is dropped, not trusted.
        if (read.commits.every((c) => Array.isArray(this.commits.get(c)))) this.walk = read;
      }
      for (const [oid, value] of Object.entries(others)) {
        if (!OID.test(oid) || !isString(value)) return false;
        this.others.set(oid, value);
      }
    }
    return this.blobs.size + this.commits.size + this.others.size <= MAX_ENTRIES;
  }
}

function readWalk(v: unknown): CachedWalk | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const w = v as Record<string, unknown>;
  const { head, shallow, commits } = w;
  const ids = readOidList(commits);
  if (!isString(head) || !OID.test(head) || readOidList(shallow) === undefined || ids === undefined) return undefined;
  return { head, shallow: shallow as string, commits: ids };
}

/**
 * Commit ids separated by commas ('' for none), how the cache keeps long lists of them; undefined
 * for anything else. One character test and a length check each: a regular expression that checks
 * the ids one by one takes twice as long on 5,000 of them.
 */
function readOidList(v: unknown): string[] | undefined {
  if (!isString(v) || !/^[0-9a-f,]*$/.test(v)) return undefined;
  if (v === '') return [];
  const ids = v.split(',');
  return ids.every((id) => id.length === 40 || id.length === 64) ? ids : undefined;
}

function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('hex');
}
