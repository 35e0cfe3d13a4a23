/**
 * What every hook receives. The CLI (`designgate hook <name>`) builds it from the process; the hooks
 * read nothing else of the world (no process.env, no cwd), return `Problem[]` and never print.
 */
import type { GitAdapter } from '../core/git/types.js';
import type { LintDocuments } from '../core/verify/types.js';

export interface HookInput {
  /** Opened with the hook's environment, so GIT_INDEX_FILE (`git commit -a`, `git commit <path>`) is honoured. */
  git: GitAdapter;
  /** The work tree's top level (where git runs hooks). */
  repoRoot: string;
  /** The hook's environment, passed to every git process. */
  env: NodeJS.ProcessEnv;
  /** The arguments git passed to the hook. */
  args: readonly string[];
  /** Standard input (pre-push: the ref lines); '' for hooks that get none. */
  stdin: string;
  /** When the check runs: key validity is judged now (default: the current time). */
  now?: Date;
  /** The lint rules, injected (hooks do not import lint-rules); absent: documents are not linted. */
  lint?: LintDocuments;
  /** The user's cache folder holding the key of the approval evidence cache; absent: nothing cached. */
  cacheKeyDir?: string;
}
