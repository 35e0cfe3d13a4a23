/**
 * Lists the files of the work tree as a user sees them: tracked files still on disk plus untracked
 * files git does not ignore. `status`, `check` and `new` judge the work tree; the hooks judge the
 * index through the GitAdapter instead.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DesignGateError } from '../errors.js';
import { workspaceMessages } from '../messages/workspace.js';

const run = promisify(execFile);

/**
 * Repository-relative paths, forward slashes, sorted, without duplicates and without deleted files.
 * `dir` may be any folder inside the work tree (`--full-name` and the `:/` pathspec list the whole
 * repository from there), so callers can run this and `findRepoRoot` at the same time.
 */
export async function listWorkTreeFiles(dir: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  try {
    const options = { cwd: dir, env, maxBuffer: 1 << 30, encoding: 'utf8' } as const;
    // Two independent listings: run them at once (status runs on every invocation a user types).
    const [{ stdout }, deleted] = await Promise.all([
      run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate', '--full-name', '--', ':/'], options),
      run('git', ['ls-files', '-z', '--deleted', '--full-name', '--', ':/'], options),
    ]);
    const gone = new Set(deleted.stdout.split('\0').filter(Boolean));
    return [...new Set(stdout.split('\0').filter((f) => f && !gone.has(f)))].sort();
  } catch (error) {
    throw new DesignGateError('GIT', workspaceMessages.gitListFailed(dir), { fix: workspaceMessages.gitListFailedFix, cause: error });
  }
}

/** The work tree's top level for a directory inside it, or undefined outside a repository. */
export async function findRepoRoot(cwd: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--show-toplevel'], { cwd, env, encoding: 'utf8' });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Registers `Approved-by` as a configured trailer key in the repository's local git config, so
 * `git interpret-trailers` (and our parser, which agrees with it) recognise the trailer next to
 * prose. Returns false when it was already set.
 */
export async function registerApprovedByTrailer(repoRoot: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const current = await run('git', ['config', '--local', '--get', 'trailer.approvedby.key'], { cwd: repoRoot, env, encoding: 'utf8' }).then(
    (r) => r.stdout.trim(),
    () => '',
  );
  if (current === 'Approved-by') return false;
  await run('git', ['config', '--local', 'trailer.approvedby.key', 'Approved-by'], { cwd: repoRoot, env, encoding: 'utf8' });
  return true;
}
