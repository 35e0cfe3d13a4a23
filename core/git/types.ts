/**
 * The one interface through which designgate reads git. Two backends implement it: the git CLI
 * (hot paths: hooks, verify) and isomorphic-git (environments without a git binary, and an
 * independent oracle in differential tests). Paths are repository-relative with forward slashes.
 */
export type ChangeStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T';

export interface Change {
  status: ChangeStatus;
  /** The path after the change (for D: the deleted path). */
  path: string;
  /** For R and C: the path before. */
  oldPath?: string;
  /** Blob id after the change (absent for D). */
  oid?: string;
}

export interface Person {
  name: string;
  email: string;
  /** Seconds since the epoch. */
  timestamp: number;
  /** e.g. `+0100` */
  timezone: string;
}

export interface CommitInfo {
  oid: string;
  tree: string;
  parents: string[];
  author: Person;
  committer: Person;
  /** The full message, exactly as stored (no trailing newline trimmed). */
  message: string;
  /** The armored signature from the `gpgsig` header (PGP, SSH or X.509), if any. */
  signature?: string;
  /** The raw commit object without the gpgsig header: the bytes the signature covers. */
  signedPayload: Buffer;
}

export interface GitAdapter {
  readonly backend: 'cli' | 'isomorphic';
  /** Absolute path of the work tree's top level. */
  readonly root: string;
  /** What the next commit would change: HEAD (or the empty tree) against the index, honouring GIT_INDEX_FILE. */
  stagedChanges(): Promise<Change[]>;
  /** The staged (index) content of a path, or undefined when it is not in the index. */
  readStaged(path: string): Promise<Buffer | undefined>;
  /** The content of a path at a revision, or undefined when it does not exist there. */
  readAt(rev: string, path: string): Promise<Buffer | undefined>;
  readBlob(oid: string): Promise<Buffer>;
  /** Files in the index (rev undefined) or in a revision's tree. */
  listFiles(rev?: string): Promise<string[]>;
  /** Full object id of a revision, or undefined when it does not resolve. */
  resolve(rev: string): Promise<string | undefined>;
  readCommit(oid: string): Promise<CommitInfo>;
  /** Commits reachable from head and not from base, oldest first (base undefined: all). */
  revList(head: string, base?: string): Promise<string[]>;
  /** Files a commit changes against its first parent (or the empty tree for a root commit). */
  commitChanges(oid: string): Promise<Change[]>;
  /** Releases long-lived resources (the cat-file process). */
  close(): Promise<void>;
}
