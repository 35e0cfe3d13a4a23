/**
 * The one entry point to git. The git CLI backend is the default (6–50x faster, and it reads every
 * repository layout git can); isomorphic-git is loaded only when asked for, or when no git binary
 * exists and no backend was named.
 */
import { isDesignGateError } from '../errors.js';
import { gitMessages } from '../messages/git.js';
import { openCliGit } from './cli.js';
import type { GitAdapter } from './types.js';

export type { Change, ChangeStatus, CommitInfo, GitAdapter, Person } from './types.js';

export interface OpenGitOptions {
  /** Where the command runs; relative GIT_DIR / GIT_WORK_TREE in `env` are read from here. */
  cwd: string;
  /** The environment git runs with (a hook's GIT_INDEX_FILE and GIT_DIR included). */
  env: NodeJS.ProcessEnv;
  /** `cli` fails when git is missing; `isomorphic` never runs git; omitted: cli, else isomorphic. */
  backend?: 'cli' | 'isomorphic';
}

/**
 * Opens the repository that contains `cwd`. Throws `DesignGateError('GIT')` with a one-line cause
 * and a fix: not a repository (`git init`), git not installed, a bare repository, inside `.git`,
 * a repository owned by someone else, or a layout the isomorphic backend cannot read.
 *
 * @example const git = await openGit({ cwd, env }); try { await git.stagedChanges() } finally { await git.close() }
 */
export async function openGit(options: OpenGitOptions): Promise<GitAdapter> {
  const { cwd, env, backend } = options;
  if (backend === 'isomorphic') return openIsomorphic(cwd, env);
  try {
    return await openCliGit({ cwd, env });
  } catch (error) {
    if (backend === undefined && isDesignGateError(error) && error.message === gitMessages.gitNotInstalled) {
      return openIsomorphic(cwd, env);
    }
    throw error;
  }
}

async function openIsomorphic(cwd: string, env: NodeJS.ProcessEnv): Promise<GitAdapter> {
  // Lazy: isomorphic-git costs ~50–80 ms to import, which a hook on the CLI backend never pays.
  const { openIsomorphicGit } = await import('./isomorphic.js');
  return openIsomorphicGit({ cwd, env });
}
