/**
 * Builds real git repositories in temp dirs for tests. Refuses to run inside this checkout so a
 * test can never commit to or reset the project itself.
 */
import { after } from 'node:test';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
export const binPath = join(projectRoot, 'dist/bin/designgate.js');

/** A file tree: path → content. `null` deletes the path. */
export type Tree = Record<string, string | Buffer | null>;

/** Environment for git that ignores the user's global and system config. */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('GIT_')) delete env[k];
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Test Author',
    GIT_COMMITTER_EMAIL: 'author@example.com',
    NO_COLOR: '1',
    HUSKY: '0',
    ...extra,
  };
}

export interface TempRepo {
  dir: string;
  /** Runs git in the repo; throws with stderr on failure. */
  git(...args: string[]): string;
  write(tree: Tree): void;
  /** Writes the tree, stages everything, commits; returns the new commit id. */
  commit(tree: Tree, message?: string): string;
  cleanup(): void;
}

export function makeTempDir(prefix = 'designgate-test-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  if (dir.startsWith(realpathSync(projectRoot))) throw new Error(`refusing to build a test repo inside the project: ${dir}`);
  return dir;
}

export function writeTree(dir: string, tree: Tree): void {
  for (const [path, content] of Object.entries(tree)) {
    const abs = resolve(dir, path);
    if (!abs.startsWith(dir)) throw new Error(`tree path escapes the repo: ${path}`);
    if (content === null) {
      rmSync(abs, { force: true, recursive: true });
      continue;
    }
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

export function makeRepo(tree: Tree = {}, options: { initialCommit?: boolean } = {}): TempRepo {
  const dir = makeTempDir();
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, env: gitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgsign', 'false');
  const repo: TempRepo = {
    dir,
    git,
    write: (t) => writeTree(dir, t),
    commit(t, message = 'commit') {
      writeTree(dir, t);
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  if (Object.keys(tree).length > 0) {
    if (options.initialCommit === false) repo.write(tree);
    else repo.commit(tree, 'initial');
  }
  return repo;
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Spawns the built designgate bin, as a user would. */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string>; input?: string }): CliResult {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [binPath, ...args], {
    cwd: options.cwd,
    env: gitEnv(options.env),
    encoding: 'utf8',
    input: options.input ?? '',
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Temp dirs and repos removed after the calling test file's tests (registered with node:test's
 * `after`), so a test file does not keep its own cleanup list.
 */
export function scratch(): { tempDir(): string; repo(...args: Parameters<typeof makeRepo>): TempRepo } {
  const cleanups: Array<() => void> = [];
  after(() => cleanups.forEach((f) => f()));
  return {
    tempDir() {
      const dir = makeTempDir();
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      return dir;
    },
    repo(...args) {
      const r = makeRepo(...args);
      cleanups.push(r.cleanup);
      return r;
    },
  };
}
