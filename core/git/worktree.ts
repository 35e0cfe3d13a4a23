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
    // One listing with status tags (`-t`): `R` marks a tracked file deleted from the work tree,
    // which also appears with its index tag; one process instead of two (status pays this on every run).
    const { stdout } = await run('git', ['ls-files', '-z', '-t', '--cached', '--others', '--deleted', '--exclude-standard', '--full-name', '--', ':/'], {
      cwd: dir,
      env,
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    });
    const present = new Set<string>();
    const gone = new Set<string>();
    for (const entry of stdout.split('\0')) {
      if (entry.length < 3) continue;
      // `T path`: a one-letter tag and a space.
      (entry[0] === 'R' ? gone : present).add(entry.slice(2));
    }
    return [...present].filter((f) => !gone.has(f)).sort();
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
