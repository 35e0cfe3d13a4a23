/**
 * The git CLI backend: the hot path for hooks and `verify`. Git runs in the caller's directory with
 * the caller's environment, exactly as if the user had typed the command there, so a hook's
 * GIT_INDEX_FILE (`git commit -a`, `git commit <path>`) and GIT_DIR mean what git meant by them.
 * Object reads share one `git cat-file --batch` process; listings and diffs are one spawn each.
 */
import { spawn } from 'node:child_process';
import { DesignGateError } from '../errors.js';
import { gitMessages } from '../messages/git.js';
import { CatFileBatch } from './batch.js';
import { toCommitInfo } from './commit-object.js';
import type { Change, ChangeStatus, CommitInfo, GitAdapter } from './types.js';

export interface CliGitOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/**
 * Only exact renames (`--find-renames=100%`): a similarity score cannot be reproduced by the
 * isomorphic-git backend, and an edited-and-moved file is honestly a delete plus an add.
 */
const RENAMES = '--find-renames=100%';

/**
 * Runs git without a shell and buffers its output; rejects only when git cannot be started. With
 * `onStdout`, standard output goes to it as it arrives instead (`stdout` is then empty), so a long
 * output is read while git is still writing it.
 */
export function runGit(options: CliGitOptions, args: readonly string[], onStdout?: (chunk: Buffer) => void): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', onStdout ?? ((b: Buffer) => out.push(b)));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new DesignGateError('GIT', gitMessages.gitNotInstalled, { fix: gitMessages.gitNotInstalledFix, cause: error })
          : new DesignGateError('GIT', gitMessages.commandFailed(args.join(' '), error.message), { cause: error }),
      );
    });
    child.on('close', (code) =>
      resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

/** Like `runGit`, but a non-zero exit is a `GIT` error quoting git's first line of complaint. */
async function gitOk(options: CliGitOptions, args: readonly string[]): Promise<Buffer> {
  const result = await runGit(options, args);
  if (result.code !== 0) {
    const command = args.join(' ');
    const detail = result.stderr.trim().split('\n')[0] || `exit ${result.code}`;
    throw new DesignGateError('GIT', gitMessages.commandFailed(command, detail), { fix: gitMessages.commandFailedFix(command) });
  }
  return result.stdout;
}

/** Splits NUL-terminated output into UTF-8 strings. */
function splitZ(buf: Buffer): string[] {
  const parts = buf.toString('utf8').split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * Parses `git diff-index`/`diff-tree --raw -z` output:
 * `:<mode> <mode> <oid> <oid> <status>[score]\0<path>\0[<path>\0]`.
 * Throws `GIT` on unmerged (`U`) entries: there is no single staged version to judge.
 */
export function parseRawDiff(buf: Buffer): Change[] {
  const parts = splitZ(buf);
  const changes: Change[] = [];
  const unmerged: string[] = [];
  for (let i = 0; i < parts.length; ) {
    const header = parts[i++] ?? '';
    const [, , , dstOid, statusField] = header.slice(1).split(' ');
    const letter = (statusField ?? '').charAt(0);
    const first = parts[i++] ?? '';
    if (letter === 'U') {
      if (!unmerged.includes(first)) unmerged.push(first);
      continue;
    }
    const status = letter as ChangeStatus;
    if (status === 'R' || status === 'C') {
      const second = parts[i++] ?? '';
      changes.push({ status, path: second, oldPath: first, oid: dstOid ?? '' });
    } else if (status === 'D') {
      changes.push({ status, path: first });
    } else {
      changes.push({ status, path: first, oid: dstOid ?? '' });
    }
  }
  if (unmerged.length > 0) {
    throw new DesignGateError('GIT', gitMessages.unmergedPaths(unmerged), { fix: gitMessages.unmergedPathsFix });
  }
  return changes;
}

/** Quotes a path as a literal pathspec from the top of the work tree, whatever the cwd. */
const literalTop = (path: string): string => `:(top,literal)${path}`;

export class CliGit implements GitAdapter {
  readonly backend = 'cli' as const;
  readonly root: string;
  private readonly options: CliGitOptions;
  private readonly batch: CatFileBatch;
  private emptyTree: string | undefined;

  constructor(root: string, options: CliGitOptions) {
    this.root = root;
    this.options = options;
    this.batch = new CatFileBatch(options);
  }

  async stagedChanges(): Promise<Change[]> {
    const head = (await this.resolve('HEAD')) ?? (await this.emptyTreeOid());
    return parseRawDiff(await gitOk(this.options, ['diff-index', '--cached', '-z', '--no-abbrev', RENAMES, head, '--']));
  }

  async readStaged(path: string): Promise<Buffer | undefined> {
    if (!path.includes('\n')) return blobContent(await this.batch.read(`:0:${path}`));
    // cat-file reads one request per line, so a path with a newline is looked up by listing it.
    const out = splitZ(await gitOk(this.options, ['ls-files', '-s', '-z', '--full-name', '--', literalTop(path)]));
    const entry = out.map((line) => /^(\d+) ([0-9a-f]+) (\d)\t([^]*)$/.exec(line)).find((m) => m?.[3] === '0' && m[4] === path);
    return entry ? blobContent(await this.batch.read(entry[2]!)) : undefined;
  }

  async readAt(rev: string, path: string): Promise<Buffer | undefined> {
    if (!rev.includes('\n') && !path.includes('\n')) return blobContent(await this.batch.read(`${rev}:${path}`));
    const commit = await this.resolve(rev);
    if (commit === undefined) return undefined;
    const out = splitZ(await gitOk(this.options, ['ls-tree', '-z', '--full-tree', commit, '--', path]));
    const entry = out.map((line) => /^(\d+) (\w+) ([0-9a-f]+)\t([^]*)$/.exec(line)).find((m) => m?.[4] === path);
    return entry ? blobContent(await this.batch.read(entry[3]!)) : undefined;
  }

  async readBlob(oid: string): Promise<Buffer> {
    const object = await this.batch.read(oid);
    if (object === undefined) throw missing(oid);
    if (object.type !== 'blob') throw wrongType(oid, 'blob', object.type);
    return object.content;
  }

  async listFiles(rev?: string): Promise<string[]> {
    if (rev === undefined) {
      const paths = splitZ(await gitOk(this.options, ['ls-files', '-z', '--full-name', '--', ':(top)']));
      // An unmerged path is listed once per stage.
      return paths.filter((p, i) => p !== paths[i - 1]);
    }
    const commit = await this.mustResolve(rev);
    return splitZ(await gitOk(this.options, ['ls-tree', '-r', '-z', '--full-tree', '--name-only', commit]));
  }

  async resolve(rev: string): Promise<string | undefined> {
    // Through the open cat-file pipe rather than a `rev-parse` spawn (stdin, so no option injection);
    // `^{commit}` peels tags.
    if (rev.includes('\n')) return undefined;
    const object = await this.batch.read(`${rev}^{commit}`);
    return object?.type === 'commit' ? object.oid : undefined;
  }

  async readCommit(oid: string): Promise<CommitInfo> {
    const object = await this.batch.read(oid);
    if (object === undefined) throw missing(oid);
    if (object.type !== 'commit') throw wrongType(oid, 'commit', object.type);
    return toCommitInfo(object.oid, object.content);
  }

  async revList(head: string, base?: string): Promise<string[]> {
    const args = ['rev-list', '--reverse', await this.mustResolve(head)];
    if (base !== undefined) args.push(`^${await this.mustResolve(base)}`);
    return (await gitOk(this.options, args)).toString('utf8').split('\n').filter((l) => l !== '');
  }

  async commitChanges(oid: string): Promise<Change[]> {
    const commit = await this.readCommit(oid);
    // `^1` as git resolves it, so a shallow clone's boundary commit counts as a root, as in git log.
    const first = commit.parents.length === 0 ? undefined : await this.resolve(`${commit.oid}^1`);
    const parent = first ?? (await this.emptyTreeOid());
    return parseRawDiff(
      await gitOk(this.options, ['diff-tree', '-r', '-z', '--no-abbrev', RENAMES, parent, commit.oid, '--']),
    );
  }

  close(): Promise<void> {
    return this.batch.close();
  }

  private async mustResolve(rev: string): Promise<string> {
    const oid = await this.resolve(rev);
    if (oid === undefined) {
      throw new DesignGateError('GIT', gitMessages.revisionNotFound(rev), { fix: gitMessages.revisionNotFoundFix(rev) });
    }
    return oid;
  }

  /** The empty tree's id, asked of git because a SHA-256 repository has a different one. */
  private async emptyTreeOid(): Promise<string> {
    this.emptyTree ??= (await gitOk(this.options, ['hash-object', '-t', 'tree', '/dev/null'])).toString('utf8').trim();
    return this.emptyTree;
  }
}

function blobContent(object: { type: string; content: Buffer } | undefined): Buffer | undefined {
  return object?.type === 'blob' ? object.content : undefined;
}

function missing(oid: string): DesignGateError {
  return new DesignGateError('GIT', gitMessages.objectMissing(oid), { fix: gitMessages.objectMissingFix });
}

function wrongType(oid: string, expected: string, actual: string): DesignGateError {
  return new DesignGateError('GIT', gitMessages.wrongType(oid, expected, actual), { fix: gitMessages.wrongTypeFix });
}

/**
 * Finds the work tree's top level with `git rev-parse` and turns each way that can fail into one
 * plain cause: git missing, not a repository, a bare repository, inside `.git`, dubious ownership.
 */
export async function openCliGit(options: CliGitOptions): Promise<CliGit> {
  // GIT_OPTIONAL_LOCKS=0: no command we run may refresh (write) the index, even opportunistically.
  const env = { ...options.env, GIT_OPTIONAL_LOCKS: '0' };
  const result = await runGit({ cwd: options.cwd, env }, ['rev-parse', '--is-bare-repository', '--is-inside-git-dir', '--show-toplevel']);
  const [bare, insideGitDir, top] = result.stdout.toString('utf8').split('\n');
  if (result.code === 0 && top !== undefined && top !== '') return new CliGit(top, { cwd: options.cwd, env });
  const stderr = result.stderr;
  if (/dubious ownership/i.test(stderr)) {
    const dir = /'([^']+)'/.exec(stderr)?.[1] ?? options.cwd;
    throw new DesignGateError('GIT', gitMessages.dubiousOwnership(dir), { fix: gitMessages.dubiousOwnershipFix(dir) });
  }
  if (/not a git repository/i.test(stderr)) {
    throw new DesignGateError('GIT', gitMessages.notARepository(options.cwd), { fix: gitMessages.notARepositoryFix });
  }
  if (bare === 'true') {
    throw new DesignGateError('GIT', gitMessages.bareRepository(options.cwd), { fix: gitMessages.bareRepositoryFix });
  }
  if (insideGitDir === 'true') {
    throw new DesignGateError('GIT', gitMessages.insideGitDir(options.cwd), { fix: gitMessages.insideGitDirFix });
  }
  const detail = stderr.trim().split('\n')[0] || `exit ${result.code}`;
  throw new DesignGateError('GIT', gitMessages.commandFailed('rev-parse --show-toplevel', detail), {
    fix: gitMessages.commandFailedFix('rev-parse --show-toplevel'),
  });
}
