/**
 * The isomorphic-git backend: for environments without a git binary, and the independent oracle the
 * differential tests hold the CLI backend against. It never walks WORKDIR (those walks rewrite the
 * index); it reads through the redirecting `fs` of iso-repo (GIT_INDEX_FILE, linked worktrees) and
 * shares one `cache` so packfiles are indexed once per adapter. Commits are parsed from raw bytes by
 * commit-object, because isomorphic-git's own signed payload is wrong for SSH signatures.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type * as IsoGitModule from 'isomorphic-git';
import { DesignGateError, isDesignGateError } from '../errors.js';
import { gitMessages } from '../messages/git.js';
import { parseCommitObject, toCommitInfo } from './commit-object.js';
import { checkLayout, locate, mappedFs, readIndexScan, type ConfigReader, type IsoFs, type IsoLayout } from './iso-repo.js';
import { comparePaths, diffPairs, type PathPair, type TreeEntry } from './tree-diff.js';
import type { Change, CommitInfo, GitAdapter } from './types.js';

type Git = typeof IsoGitModule;
type WalkerEntry = IsoGitModule.WalkerEntry;

export interface IsomorphicGitOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const FULL_OID = /^[0-9a-f]{40}$/;
const SHORT_OID = /^[0-9a-f]{4,39}$/;

interface CommitMeta {
  parents: string[];
  time: number;
}

/** isomorphic-git's error codes that mean "no such object, ref or path". */
const isNotFound = (error: unknown): boolean =>
  ['NotFoundError', 'ObjectTypeError', 'AmbiguousError'].includes((error as { code?: string }).code ?? '');

export class IsomorphicGit implements GitAdapter {
  readonly backend = 'isomorphic' as const;
  readonly root: string;
  private readonly git: Git;
  private readonly layout: IsoLayout;
  private readonly args: { fs: IsoFs; dir: string; gitdir: string; cache: object };
  private stage: Promise<Map<string, TreeEntry>> | undefined;
  private shallow: Promise<Set<string>> | undefined;
  private readonly commits = new Map<string, CommitMeta>();

  constructor(git: Git, layout: IsoLayout) {
    this.git = git;
    this.layout = layout;
    this.root = layout.root;
    // One cache for every call: without it each call re-reads and re-indexes the packfiles.
    this.args = { fs: mappedFs(layout), dir: layout.root, gitdir: layout.gitdir, cache: {} };
  }

  async stagedChanges(): Promise<Change[]> {
    const unmerged = await this.unmergedPaths();
    if (unmerged.length > 0) {
      throw new DesignGateError('GIT', gitMessages.unmergedPaths(unmerged), { fix: gitMessages.unmergedPathsFix });
    }
    const head = await this.resolve('HEAD');
    const { TREE, STAGE } = this.git;
    const trees = head === undefined ? [STAGE()] : [TREE({ ref: head }), STAGE()];
    return diffPairs(await this.walkPairs('read the index', trees, head === undefined));
  }

  async readStaged(path: string): Promise<Buffer | undefined> {
    const entry = (await this.stageEntries()).get(path);
    if (entry === undefined || entry.mode === 0o160000) return undefined;
    return this.blobOrUndefined(entry.oid);
  }

  async readAt(rev: string, path: string): Promise<Buffer | undefined> {
    const commit = await this.resolve(rev);
    if (commit === undefined) return undefined;
    try {
      const { blob } = await this.git.readBlob({ ...this.args, oid: commit, filepath: path });
      return Buffer.from(blob);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw this.wrap(`read ${rev}:${path}`, error);
    }
  }

  async readBlob(oid: string): Promise<Buffer> {
    const object = await this.readRaw(await this.fullOid(oid));
    if (object === undefined) throw missing(oid);
    if (object.type !== 'blob') throw wrongType(oid, 'blob', object.type);
    return object.content;
  }

  async listFiles(rev?: string): Promise<string[]> {
    const ref = rev === undefined ? undefined : await this.mustResolve(rev);
    try {
      const files = await this.git.listFiles(ref === undefined ? this.args : { ...this.args, ref });
      return files.sort(comparePaths);
    } catch (error) {
      throw this.wrap('list the files', error);
    }
  }

  /**
   * Resolves the revision syntax hooks and CI use: a full or abbreviated oid, a ref name as git
   * looks it up (`HEAD`, `main`, `origin/main`, `refs/…`, `@`), then any of `~n`, `^n`, `^{commit}`,
   * `^{}`. Tags are peeled; anything that is not a commit is undefined, as with `git rev-parse`.
   */
  async resolve(rev: string): Promise<string | undefined> {
    const split = /^([^~^]*)(.*)$/s.exec(rev);
    if (split === null || split[1] === '') return undefined;
    const name = split[1] === '@' ? 'HEAD' : split[1]!;
    let oid = await this.resolveName(name);
    let rest = split[2]!;
    while (oid !== undefined && rest !== '') {
      const step = /^(?:~(\d*)|\^\{(\w*)\}|\^(\d*))/.exec(rest);
      if (step === null) return undefined;
      rest = rest.slice(step[0].length);
      if (step[2] !== undefined) {
        if (step[2] !== '' && step[2] !== 'commit') return undefined;
        oid = step[2] === '' ? await this.peel(oid, 'any') : await this.peel(oid, 'commit');
        continue;
      }
      oid = await this.peel(oid, 'commit');
      if (step[1] !== undefined) {
        for (let n = step[1] === '' ? 1 : Number(step[1]); oid !== undefined && n > 0; n--) oid = (await this.meta(oid)).parents[0];
      } else {
        const n = step[3] === '' ? 1 : Number(step[3]);
        if (oid !== undefined && n > 0) oid = (await this.meta(oid)).parents[n - 1];
      }
    }
    return oid === undefined ? undefined : this.peel(oid, 'commit');
  }

  async readCommit(oid: string): Promise<CommitInfo> {
    const full = await this.fullOid(oid);
    const object = await this.readRaw(full);
    if (object === undefined) throw missing(oid);
    if (object.type !== 'commit') throw wrongType(oid, 'commit', object.type);
    return toCommitInfo(full, object.content);
  }

  /**
   * Orders commits as `git rev-list --reverse` does: newest committer date first, ties in the order
   * they were reached, parents in their listed order; then reversed. Commits reachable from base are
   * left out (and not walked past).
   */
  async revList(head: string, base?: string): Promise<string[]> {
    const start = await this.mustResolve(head);
    const excluded = base === undefined ? new Set<string>() : await this.ancestors(await this.mustResolve(base));
    const seen = new Set<string>([start]);
    let counter = 0;
    const queue: Array<{ oid: string; time: number; order: number }> = [];
    const push = async (oid: string): Promise<void> => {
      const item = { oid, time: (await this.meta(oid)).time, order: counter++ };
      let i = queue.length;
      while (i > 0 && queue[i - 1]!.time < item.time) i--;
      queue.splice(i, 0, item);
    };
    await push(start);
    const out: string[] = [];
    while (queue.length > 0) {
      const { oid } = queue.shift()!;
      if (excluded.has(oid)) continue;
      out.push(oid);
      for (const parent of (await this.meta(oid)).parents) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        await push(parent);
      }
    }
    return out.reverse();
  }

  async commitChanges(oid: string): Promise<Change[]> {
    const commit = await this.readCommit(oid);
    const { TREE } = this.git;
    // Shallow-aware parents: a boundary commit of a shallow clone compares with the empty tree.
    const parent = (await this.meta(commit.oid)).parents[0];
    const trees = parent === undefined ? [TREE({ ref: commit.oid })] : [TREE({ ref: parent }), TREE({ ref: commit.oid })];
    return diffPairs(await this.walkPairs(`compare ${commit.oid} with its parent`, trees, parent === undefined, true));
  }

  async close(): Promise<void> {
    // Nothing to release: no processes, and the cache goes with the adapter.
  }

  /**
   * Walks two trees (or one, as the "after" side of an empty "before") and returns every path whose
   * file entry differs. With `prune` (two TREE walkers; STAGE has no tree oids) identical subtrees are
   * skipped by oid.
   */
  private async walkPairs(operation: string, trees: IsoGitModule.Walker[], onlyAfter: boolean, prune = false): Promise<PathPair[]> {
    const pairs: PathPair[] = [];
    try {
      await this.git.walk({
        ...this.args,
        trees,
        map: async (path: string, entries: Array<WalkerEntry | null>) => {
          if (path === '.') return true;
          const [a, b] = onlyAfter ? [null, entries[0] ?? null] : [entries[0] ?? null, entries[1] ?? null];
          if (prune && a && b && (await a.type()) === 'tree' && (await b.type()) === 'tree' && (await a.oid()) === (await b.oid())) {
            return null;
          }
          const before = await fileEntry(a);
          const after = await fileEntry(b);
          if (before !== undefined || after !== undefined) pairs.push({ path, before, after });
          return true;
        },
        reduce: async () => undefined,
      });
    } catch (error) {
      throw this.wrap(operation, error);
    }
    return pairs;
  }

  /** The index, read once per adapter (a hook's index does not change while it runs). */
  private stageEntries(): Promise<Map<string, TreeEntry>> {
    this.stage ??= (async () => {
      const entries = new Map<string, TreeEntry>();
      for (const pair of await this.walkPairs('read the index', [this.git.STAGE()], true)) {
        if (pair.after !== undefined) entries.set(pair.path, pair.after);
      }
      // A conflicted path has no staged (stage 0) version; isomorphic-git would offer stage 1.
      for (const path of await this.unmergedPaths()) entries.delete(path);
      return entries;
    })();
    return this.stage;
  }

  private async unmergedPaths(): Promise<string[]> {
    try {
      return (await readIndexScan(this.layout))?.unmerged ?? [];
    } catch (error) {
      throw this.wrap('read the index', error);
    }
  }

  private async resolveName(name: string): Promise<string | undefined> {
    // git reads hex in either case; refs are tried before a short id, as git does.
    if (FULL_OID.test(name.toLowerCase())) return (await this.readRaw(name.toLowerCase())) === undefined ? undefined : name.toLowerCase();
    try {
      return await this.git.resolveRef({ ...this.args, ref: name });
    } catch (error) {
      if (!isNotFound(error)) throw this.wrap(`resolve ${name}`, error);
    }
    if (!SHORT_OID.test(name.toLowerCase())) return undefined;
    try {
      return await this.git.expandOid({ ...this.args, oid: name.toLowerCase() });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw this.wrap(`resolve ${name}`, error);
    }
  }

  /** Follows annotated tags to the object they name; 'commit' also requires that object be a commit. */
  private async peel(oid: string, to: 'commit' | 'any'): Promise<string | undefined> {
    for (let current = oid, depth = 0; depth < 100; depth++) {
      const object = await this.readRaw(current);
      if (object === undefined) return undefined;
      if (object.type !== 'tag') return to === 'any' || object.type === 'commit' ? current : undefined;
      const target = /^object ([0-9a-f]+)$/m.exec(object.content.toString('utf8'))?.[1];
      if (target === undefined) return undefined;
      current = target;
    }
    return undefined;
  }

  private async meta(oid: string): Promise<CommitMeta> {
    const cached = this.commits.get(oid);
    if (cached !== undefined) return cached;
    const object = await this.readRaw(oid);
    if (object === undefined) throw missing(oid);
    if (object.type !== 'commit') throw wrongType(oid, 'commit', object.type);
    const parsed = parseCommitObject(object.content);
    // A shallow clone's boundary commits have parents that were never fetched: git treats them as roots.
    const parents = (await this.shallowCommits()).has(oid) ? [] : parsed.parents;
    const meta = { parents, time: parsed.committer.timestamp };
    this.commits.set(oid, meta);
    return meta;
  }

  private async ancestors(oid: string): Promise<Set<string>> {
    const seen = new Set<string>([oid]);
    for (const stack = [oid]; stack.length > 0; ) {
      for (const parent of (await this.meta(stack.pop()!)).parents) {
        if (!seen.has(parent)) {
          seen.add(parent);
          stack.push(parent);
        }
      }
    }
    return seen;
  }

  private shallowCommits(): Promise<Set<string>> {
    this.shallow ??= fsp
      .readFile(join(this.layout.commondir, 'shallow'), 'utf8')
      .then((text) => new Set(text.split('\n').filter((l) => l !== '')))
      .catch(() => new Set<string>());
    return this.shallow;
  }

  private async readRaw(oid: string): Promise<{ type: string; content: Buffer } | undefined> {
    try {
      const result = await this.git.readObject({ ...this.args, oid, format: 'content' });
      return { type: result.type, content: Buffer.from(result.object as Uint8Array) };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw this.wrap(`read object ${oid}`, error);
    }
  }

  private async blobOrUndefined(oid: string): Promise<Buffer | undefined> {
    const object = await this.readRaw(oid);
    return object?.type === 'blob' ? object.content : undefined;
  }

  private async fullOid(oid: string): Promise<string> {
    if (FULL_OID.test(oid)) return oid;
    if (SHORT_OID.test(oid)) {
      const full = await this.resolveName(oid);
      if (full !== undefined) return full;
    }
    throw missing(oid);
  }

  private async mustResolve(rev: string): Promise<string> {
    const oid = await this.resolve(rev);
    if (oid === undefined) {
      throw new DesignGateError('GIT', gitMessages.revisionNotFound(rev), { fix: gitMessages.revisionNotFoundFix(rev) });
    }
    return oid;
  }

  private wrap(operation: string, error: unknown): DesignGateError {
    if (isDesignGateError(error)) return error;
    const e = error as { code?: string; message?: string; data?: { filepaths?: string[] } };
    if (e.code === 'UnmergedPathsError') {
      return new DesignGateError('GIT', gitMessages.unmergedPaths(e.data?.filepaths ?? []), { fix: gitMessages.unmergedPathsFix, cause: error });
    }
    // A write refused by our fs surfaces wrapped by isomorphic-git; keep our sentence.
    return new DesignGateError('GIT', gitMessages.isoFailed(operation, e.message ?? String(error)), {
      fix: gitMessages.isoFailedFix,
      cause: error,
    });
  }
}

async function fileEntry(entry: WalkerEntry | null): Promise<TreeEntry | undefined> {
  if (entry === null || (await entry.type()) === 'tree') return undefined;
  return { oid: await entry.oid(), mode: await entry.mode() };
}

function missing(oid: string): DesignGateError {
  return new DesignGateError('GIT', gitMessages.objectMissing(oid), { fix: gitMessages.objectMissingFix });
}

function wrongType(oid: string, expected: string, actual: string): DesignGateError {
  return new DesignGateError('GIT', gitMessages.wrongType(oid, expected, actual), { fix: gitMessages.wrongTypeFix });
}

/** Reads config values with isomorphic-git's own parser, from any file, through a one-file `fs`. */
function configReader(git: Git): ConfigReader {
  const virtual = '/designgate-config-gitdir';
  return async (file, key) => {
    const fs = mappedFs({ gitdir: virtual, commondir: virtual, indexFile: '' }, new Map([[`${virtual}/config`, file]]));
    return git.getConfig({ fs, gitdir: virtual, path: key });
  };
}

/** Opens the isomorphic-git backend: locates the repository, then refuses layouts it would misread. */
export async function openIsomorphicGit(options: IsomorphicGitOptions): Promise<IsomorphicGit> {
  const git: Git = await import('isomorphic-git');
  const readConfig = configReader(git);
  const layout = await locate(options.cwd, options.env, readConfig);
  await checkLayout(layout, options.env, readConfig);
  return new IsomorphicGit(git, layout);
}
