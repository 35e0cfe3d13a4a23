/**
 * Where the repository is and how isomorphic-git must see it. isomorphic-git reads `<gitdir>/index`
 * whatever GIT_INDEX_FILE says, and in a linked worktree it looks for refs and objects in the
 * per-worktree gitdir instead of the common one. Both would silently make a hook judge the wrong
 * files, so we hand it an `fs` that redirects those paths, and we refuse, rather than misread, the
 * layouts it cannot read (index v4, split or sparse index, SHA-256, reftable, sparse checkout).
 */
import { promises as fsp } from 'node:fs';
import { dirname, isAbsolute, join, normalize, resolve } from 'node:path';
import { DesignGateError } from '../errors.js';
import { gitMessages } from '../messages/git.js';

export interface IsoLayout {
  /** The work tree's top level (real path). */
  root: string;
  /** This work tree's git directory (`.git`, or `.git/worktrees/<name>` for a linked worktree). */
  gitdir: string;
  /** Where objects, refs and config live (the gitdir itself, except in a linked worktree). */
  commondir: string;
  /** The index git would use: $GIT_INDEX_FILE (relative to the top level, as git reads it) or `<gitdir>/index`. */
  indexFile: string;
}

/** The `fs` shape isomorphic-git accepts: promise-returning functions. */
export type IsoFs = Record<
  'readFile' | 'writeFile' | 'mkdir' | 'rmdir' | 'unlink' | 'stat' | 'lstat' | 'readdir' | 'readlink' | 'symlink',
  (...args: never[]) => Promise<unknown>
>;

/** Paths under a gitdir that belong to each work tree; everything else in git's `common_list` is shared. */
const PER_WORKTREE = ['logs/HEAD', 'info/sparse-checkout', 'refs/bisect', 'refs/rewritten', 'refs/worktree',
  'logs/refs/bisect', 'logs/refs/rewritten', 'logs/refs/worktree'];
const COMMON_DIRS = ['branches', 'common', 'hooks', 'info', 'logs', 'lost-found', 'objects', 'refs', 'remotes',
  'worktrees', 'rr-cache', 'svn'];
const COMMON_FILES = ['config', 'packed-refs', 'shallow'];

const under = (rel: string, prefix: string): boolean => rel === prefix || rel.startsWith(`${prefix}/`);

/** Whether a path relative to the gitdir lives in the common dir (git's `path.c` `common_list`). */
export function isCommonPath(rel: string): boolean {
  if (PER_WORKTREE.some((p) => under(rel, p))) return false;
  return COMMON_FILES.includes(rel) || COMMON_DIRS.some((d) => under(rel, d));
}

function readOnly(path: unknown): Promise<never> {
  return Promise.reject(new DesignGateError('GIT', gitMessages.isoWriteRefused(String(path))));
}

/**
 * An `fs` for isomorphic-git: `<gitdir>/index` reads the real index file, shared paths go to the
 * common dir, `redirects` maps further exact paths, and every write is refused (a read must never
 * rewrite the index, as isomorphic-git's WORKDIR walks do).
 */
export function mappedFs(layout: Pick<IsoLayout, 'gitdir' | 'commondir' | 'indexFile'>, redirects: ReadonlyMap<string, string> = new Map()): IsoFs {
  const gitdirSlash = `${layout.gitdir}/`;
  const indexPath = join(layout.gitdir, 'index');
  const map = (path: unknown): string => {
    if (typeof path !== 'string') return path as string;
    const p = normalize(path);
    const redirected = redirects.get(p);
    if (redirected !== undefined) return redirected;
    if (p === indexPath) return layout.indexFile;
    if (layout.commondir !== layout.gitdir && p.startsWith(gitdirSlash)) {
      const rel = p.slice(gitdirSlash.length);
      if (isCommonPath(rel)) return join(layout.commondir, rel);
    }
    return p;
  };
  return {
    readFile: async (path: string, options?: unknown) => fsp.readFile(map(path), options as undefined),
    stat: async (path: string) => fsp.stat(map(path)),
    lstat: async (path: string) => fsp.lstat(map(path)),
    readdir: async (path: string) => fsp.readdir(map(path)),
    readlink: async (path: string) => fsp.readlink(map(path)),
    writeFile: readOnly,
    mkdir: readOnly,
    rmdir: readOnly,
    unlink: readOnly,
    symlink: readOnly,
  };
}

async function isFile(path: string): Promise<boolean> {
  return (await fsp.stat(path).catch(() => undefined))?.isFile() ?? false;
}

async function isDir(path: string): Promise<boolean> {
  return (await fsp.stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/** A `.git` file (linked worktree, submodule) says `gitdir: <path>`, relative to the file's folder. */
async function followGitFile(dotgit: string): Promise<string> {
  if (!(await isFile(dotgit))) return dotgit;
  const text = await fsp.readFile(dotgit, 'utf8');
  const target = /^gitdir: (.*)$/m.exec(text)?.[1]?.trim() ?? '';
  return isAbsolute(target) ? target : resolve(dirname(dotgit), target);
}

/** git's `is_git_directory`: HEAD, objects/ and refs/ are present. */
async function isGitDirectory(dir: string): Promise<boolean> {
  return (await isFile(join(dir, 'HEAD'))) && (await isDir(join(dir, 'objects'))) && (await isDir(join(dir, 'refs')));
}

function gitError(message: string, fix: string): DesignGateError {
  return new DesignGateError('GIT', message, { fix });
}

const truthy = (value: unknown): boolean => value === true || /^(true|yes|on|1)$/i.test(String(value ?? ''));

/** Reads one config value with isomorphic-git's parser (the caller passes the lazily imported module). */
export type ConfigReader = (file: string, key: string) => Promise<unknown>;

/**
 * Finds the work tree and git directories the way git's discovery does: GIT_DIR/GIT_WORK_TREE when
 * set (relative to `cwd`), else the nearest `.git` above `cwd`; a bare repository or a `.git`
 * directory without a work tree is refused with its own cause.
 */
export async function locate(cwd: string, env: NodeJS.ProcessEnv, readConfig: ConfigReader): Promise<IsoLayout> {
  const start = await fsp.realpath(cwd).catch(() => {
    throw gitError(gitMessages.notARepository(cwd), gitMessages.notARepositoryFix);
  });
  let gitdir: string | undefined;
  let root: string | undefined;
  if (env.GIT_DIR) {
    gitdir = await followGitFile(resolve(start, env.GIT_DIR));
    if (!(await isGitDirectory(gitdir))) throw gitError(gitMessages.notARepository(cwd), gitMessages.notARepositoryFix);
    const configFile = join(await commonDir(gitdir, env, start), 'config');
    const worktree = env.GIT_WORK_TREE ? resolve(start, env.GIT_WORK_TREE) : await readConfig(configFile, 'core.worktree');
    if (typeof worktree === 'string' && worktree !== '') root = resolve(gitdir, worktree);
    else if (truthy(await readConfig(configFile, 'core.bare'))) throw gitError(gitMessages.bareRepository(cwd), gitMessages.bareRepositoryFix);
    else root = start; // git: with GIT_DIR alone, the current directory is the top of the work tree
  } else {
    for (let dir = start; ; dir = dirname(dir)) {
      const dotgit = join(dir, '.git');
      if ((await isFile(dotgit)) || (await isDir(dotgit))) {
        gitdir = await followGitFile(dotgit);
        root = dir;
        break;
      }
      if (await isGitDirectory(dir)) {
        const bare = truthy(await readConfig(join(await commonDir(dir, env, start), 'config'), 'core.bare'));
        throw bare
          ? gitError(gitMessages.bareRepository(cwd), gitMessages.bareRepositoryFix)
          : gitError(gitMessages.insideGitDir(cwd), gitMessages.insideGitDirFix);
      }
      if (dirname(dir) === dir) throw gitError(gitMessages.notARepository(cwd), gitMessages.notARepositoryFix);
    }
  }
  gitdir = await fsp.realpath(gitdir);
  root = await fsp.realpath(root);
  const commondir = await fsp.realpath(await commonDir(gitdir, env, start));
  const indexFile = env.GIT_INDEX_FILE ? resolve(root, env.GIT_INDEX_FILE) : join(gitdir, 'index');
  return { root, gitdir, commondir, indexFile };
}

async function commonDir(gitdir: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  if (env.GIT_COMMON_DIR) return resolve(cwd, env.GIT_COMMON_DIR);
  const text = await fsp.readFile(join(gitdir, 'commondir'), 'utf8').catch(() => undefined);
  return text === undefined ? gitdir : resolve(gitdir, text.trim());
}

export interface IndexScan {
  version: number;
  /** Extension signatures in file order (`TREE`, `link`, `sdir`, …). */
  extensions: string[];
  /** The trailing checksum is all zeros (index.skipHash). */
  skipHash: boolean;
  /** Paths with conflict stages (1–3), once each; isomorphic-git would silently read stage 1. */
  unmerged: string[];
}

/**
 * Reads just enough of an index file to know whether isomorphic-git can read it: the version, and
 * (for versions 2 and 3, whose entries have a fixed layout) the extensions after the entries.
 */
export function scanIndex(buf: Buffer): IndexScan {
  if (buf.length < 32 || buf.toString('latin1', 0, 4) !== 'DIRC') throw new Error('not an index file (no DIRC signature)');
  const version = buf.readUInt32BE(4);
  const skipHash = buf.subarray(buf.length - 20).every((b) => b === 0);
  const unmerged: string[] = [];
  if (version !== 2 && version !== 3) return { version, extensions: [], skipHash, unmerged };
  const count = buf.readUInt32BE(8);
  const end = buf.length - 20;
  let pos = 12;
  for (let i = 0; i < count; i++) {
    if (pos + 62 > end) throw new Error('the index ends inside an entry');
    const flags = buf.readUInt16BE(pos + 60);
    const fixed = 62 + (flags & 0x4000 ? 2 : 0);
    let nameLength = flags & 0x0fff;
    if (nameLength === 0x0fff) nameLength = buf.indexOf(0, pos + fixed) - (pos + fixed);
    if ((flags >> 12) & 3) {
      const name = buf.toString('utf8', pos + fixed, pos + fixed + nameLength);
      if (unmerged.at(-1) !== name) unmerged.push(name);
    }
    // git pads each entry with 1 to 8 NULs to a multiple of 8 bytes.
    pos += (fixed + nameLength + 8) & ~7;
  }
  const extensions: string[] = [];
  while (pos + 8 <= end) {
    extensions.push(buf.toString('latin1', pos, pos + 4));
    pos += 8 + buf.readUInt32BE(pos + 4);
  }
  return { version, extensions, skipHash, unmerged };
}

/** Scans the index file the layout names; undefined when there is none yet (a new repository). */
export async function readIndexScan(layout: Pick<IsoLayout, 'indexFile'>): Promise<IndexScan | undefined> {
  const index = await fsp.readFile(layout.indexFile).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  return index === undefined ? undefined : scanIndex(index);
}

/**
 * Throws `GIT` (fix: install git) for a layout isomorphic-git would misread or fail on. Checked once
 * when the adapter opens; the index is read as it is at that moment.
 */
export async function checkLayout(layout: IsoLayout, env: NodeJS.ProcessEnv, readConfig: ConfigReader): Promise<void> {
  const unsupported = (what: string): DesignGateError => gitError(gitMessages.isoUnsupported(what), gitMessages.isoUnsupportedFix);
  if (env.GIT_OBJECT_DIRECTORY || env.GIT_ALTERNATE_OBJECT_DIRECTORIES) throw unsupported(gitMessages.layoutObjectDirectory);
  const config = join(layout.commondir, 'config');
  const objectFormat = String((await readConfig(config, 'extensions.objectformat')) ?? 'sha1').toLowerCase();
  if (objectFormat !== 'sha1') throw unsupported(gitMessages.layoutObjectFormat(objectFormat));
  const refStorage = String((await readConfig(config, 'extensions.refstorage')) ?? 'files').toLowerCase();
  if (refStorage !== 'files') throw unsupported(gitMessages.layoutRefStorage(refStorage));
  let sparse = truthy(await readConfig(config, 'core.sparsecheckout'));
  if (!sparse && truthy(await readConfig(config, 'extensions.worktreeconfig'))) {
    sparse = truthy(await readConfig(join(layout.gitdir, 'config.worktree'), 'core.sparsecheckout'));
  }
  if (sparse) throw unsupported(gitMessages.layoutSparseCheckout);

  let scan: IndexScan | undefined;
  try {
    scan = await readIndexScan(layout);
  } catch (error) {
    throw unsupported(gitMessages.layoutBadIndex((error as Error).message));
  }
  if (scan === undefined) return;
  if (scan.version !== 2 && scan.version !== 3) throw unsupported(gitMessages.layoutIndexVersion(scan.version));
  if (scan.skipHash) throw unsupported(gitMessages.layoutSkipHash);
  if (scan.extensions.includes('link')) throw unsupported(gitMessages.layoutSplitIndex);
  if (scan.extensions.includes('sdir')) throw unsupported(gitMessages.layoutSparseIndex);
}
