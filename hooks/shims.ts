/**
 * The texts git runs: husky 9's runner and stubs in `.husky/_/` (written exactly as `husky` 9.1.7
 * writes them, so `"prepare": "husky"` and `designgate init` produce the same files), and the
 * one-line shim in `.husky/<hook>` that calls the compiled designgate with node directly — no npx
 * (+340 ms) and no tsx (+130 ms, performance.md §1) — by a path from the repository root, which is
 * where git runs hooks, so it works when package.json sits in a subfolder or nowhere at the root.
 */
import { hookMessages as m } from '../core/messages/hooks.js';

/** The hooks designgate installs. */
export const HOOK_NAMES = ['pre-commit', 'commit-msg', 'pre-push', 'pre-merge-commit'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** Every hook husky 9.1.7 writes a stub for. */
export const HUSKY_HOOKS = [
  'pre-commit',
  'pre-merge-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'applypatch-msg',
  'pre-applypatch',
  'post-applypatch',
  'pre-rebase',
  'post-rewrite',
  'post-checkout',
  'post-merge',
  'pre-push',
  'pre-auto-gc',
] as const;

/** `core.hooksPath`, relative to the repository root. */
export const HOOKS_PATH = '.husky/_';

/**
 * husky 9.1.7's `.husky/_/h`: finds `.husky/<hook>`, sources the user's init.sh, honours HUSKY=0,
 * puts node_modules/.bin on PATH and runs the hook with `sh -e`.
 */
export const HUSKY_RUNNER = `#!/usr/bin/env sh
[ "$HUSKY" = "2" ] && set -x
n=$(basename "$0")
s=$(dirname "$(dirname "$0")")/$n

[ ! -f "$s" ] && exit 0

if [ -f "$HOME/.huskyrc" ]; then
	echo "husky - '~/.huskyrc' is DEPRECATED, please move your code to ~/.config/husky/init.sh"
fi
i="\${XDG_CONFIG_HOME:-$HOME/.config}/husky/init.sh"
[ -f "$i" ] && . "$i"

[ "\${HUSKY-}" = "0" ] && exit 0

export PATH="node_modules/.bin:$PATH"
sh -e "$s" "$@"
c=$?

[ $c != 0 ] && echo "husky - $n script failed (code $c)"
[ $c = 127 ] && echo "husky - command not found in PATH=$PATH"
exit $c
`;

/** husky 9.1.7's stub `.husky/_/<hook>` (two lines, no final newline). */
export const HUSKY_STUB = '#!/usr/bin/env sh\n. "$(dirname "$0")/h"';

/** husky 9.1.7's `.husky/_/husky.sh`: warns anyone still sourcing the v8 header. */
export const HUSKY_DEPRECATED = `echo "husky - DEPRECATED

Please remove the following two lines from $0:

#!/usr/bin/env sh
. \\"\\$(dirname -- \\"\\$0\\")/_/husky.sh\\"

They WILL FAIL in v10.0.0
"`;

/** Quotes a string for POSIX sh (single quotes; an embedded `'` becomes `'\''`). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The line `.husky/<hook>` runs. When the bin is gone (no `npm install` yet, designgate removed) it
 * refuses with a sentence rather than node's stack trace; when node is missing, sh exits 127 and
 * husky names the PATH: either way the hook fails closed, never "skipping".
 * @example shimLine('pre-commit', 'node_modules/designgate/dist/bin/designgate.js')
 *   // `[ -f '…' ] || { echo '…' >&2; exit 1; }; node '…' hook pre-commit "$@"`
 */
export function shimLine(hook: HookName, binPath: string): string {
  const bin = shellQuote(binPath);
  const run = `[ -f ${bin} ] || { echo ${shellQuote(m.shimMissingBin(binPath))} >&2; exit 1; }; node ${bin} hook ${hook} "$@"`;
  return hook === 'commit-msg' ? `${COMMIT_MSG_SKIP}; ${run}` : run;
}

/**
 * commit-msg has nothing to check unless the message has an `Approved-by` line or a Markdown file
 * (designs are Markdown) is staged: the common code commit then skips starting node (~100 ms).
 * `git diff --cached` reads GIT_INDEX_FILE as the hook does; if git fails, node runs (fail-safe).
 */
export const COMMIT_MSG_SKIP = `grep -qi '^[[:space:]]*approved-by' "$1" 2>/dev/null || ! git diff --cached --quiet -- '*.md' '*.markdown' || exit 0`;

/** Whether a line of a `.husky/<hook>` file is designgate's shim for that hook (whatever the bin path). */
export function isShimLine(line: string, hook: HookName): boolean {
  return /designgate/.test(line) && line.trimEnd().endsWith(` hook ${hook} "$@"`) && /(^|[;&|]\s*)node /.test(line);
}

/** The entry designgate adds to a lint-staged config: one command, which reads the staged set itself. */
export const LINT_STAGED_COMMAND = 'designgate hook pre-commit';
