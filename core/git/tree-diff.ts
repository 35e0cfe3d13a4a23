/**
 * Turns "this path before / after" pairs into `Change[]` the way `git diff-index`/`diff-tree
 * --find-renames=100%` reports them, so the isomorphic-git backend answers exactly like the git CLI:
 * same statuses, same order (by path bytes, a rename at its new path), same rename pairing.
 */
import type { Change } from './types.js';

export interface TreeEntry {
  oid: string;
  /** The git mode as a number, e.g. 0o100644. */
  mode: number;
}

export interface PathPair {
  path: string;
  before?: TreeEntry | undefined;
  after?: TreeEntry | undefined;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const kind = (mode: number): number => mode & S_IFMT;
const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** Git sorts paths by their bytes, which differs from UTF-16 order for some non-ASCII names. */
export function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Classifies each pair (A, D, M, or T when the kind changes: file, symlink, submodule), drops
 * unchanged ones, then pairs deletions with additions of identical content as git's
 * `find_exact_renames` does: destinations in path order each take the first unused source with the
 * same blob (and the same mode unless both are regular files), preferring one with the same basename.
 *
 * @example diffPairs([{ path: 'b', after: e }, { path: 'a', before: e }]) // [{ status: 'R', path: 'b', oldPath: 'a', oid }]
 */
export function diffPairs(pairs: readonly PathPair[]): Change[] {
  interface Row {
    change: Change;
    before?: TreeEntry | undefined;
    after?: TreeEntry | undefined;
  }
  const rows: Row[] = [];
  for (const { path, before, after } of pairs) {
    if (before && after) {
      if (before.oid === after.oid && before.mode === after.mode) continue;
      const status = kind(before.mode) === kind(after.mode) ? 'M' : 'T';
      rows.push({ change: { status, path, oid: after.oid }, before, after });
    } else if (after) {
      rows.push({ change: { status: 'A', path, oid: after.oid }, after });
    } else if (before) {
      rows.push({ change: { status: 'D', path }, before });
    }
  }
  rows.sort((x, y) => comparePaths(x.change.path, y.change.path));

  const sources = rows.filter((r) => r.change.status === 'D');
  const used = new Set<Row>();
  for (const dst of rows) {
    if (dst.change.status !== 'A' || dst.after === undefined) continue;
    const target = dst.after;
    let best: Row | undefined;
    // git gives up after 100 identical candidates and takes the best so far.
    let budget = 100;
    for (const src of sources) {
      const from = src.before!;
      if (used.has(src) || from.oid !== target.oid) continue;
      if ((kind(from.mode) !== S_IFREG || kind(target.mode) !== S_IFREG) && from.mode !== target.mode) continue;
      if (basename(src.change.path) === basename(dst.change.path)) {
        best = src;
        break;
      }
      best ??= src;
      if (--budget === 0) break;
    }
    if (best === undefined) continue;
    used.add(best);
    dst.change = { status: 'R', path: dst.change.path, oldPath: best.change.path, oid: target.oid };
  }
  return rows.filter((r) => !used.has(r)).map((r) => r.change);
}
