/**
 * `designgate hook <name> [git's arguments]`: what the husky shims run. It opens the repository with
 * the hook's environment (GIT_INDEX_FILE and all), runs the named hook, prints its problems on
 * stderr prefixed `designgate - ` as husky prints its own lines, ends with a line that counts them,
 * and exits 1 when one is an error (git then refuses the commit or push).
 */
import type { Command } from '../command.js';
import { DesignGateError } from '../../core/errors.js';
import { openGit } from '../../core/git/index.js';
import { hookMessages as m } from '../../core/messages/hooks.js';
import { hasErrors, type Problem } from '../../core/problem.js';
import type { HookInput } from '../../hooks/types.js';
import type { LintDocuments } from '../../core/verify/types.js';
import { formatProblemsText, summarise } from '../format/problems.js';
import { EXIT } from '../exit.js';
import { userCacheDir } from '../cache-dir.js';

type HookRunner = (input: HookInput) => Promise<Problem[]>;

/** Every hook designgate installs, loaded lazily so a hook imports only its own code. */
export const hooks: Record<string, () => Promise<HookRunner>> = {
  'pre-commit': async () => (await import('../../hooks/pre-commit.js')).preCommit,
  'commit-msg': async () => (await import('../../hooks/commit-msg.js')).commitMsg,
  'pre-push': async () => (await import('../../hooks/pre-push.js')).prePush,
  'pre-merge-commit': async () => (await import('../../hooks/pre-merge-commit.js')).preMergeCommit,
};

export const command: Command = {
  name: 'hook',
  usage: ['designgate hook <pre-commit|commit-msg|pre-push|pre-merge-commit> [arguments from git]'],
  options: {},
  details:
    'Run by the shims in .husky/ (written by `designgate init`); you rarely run it yourself.\n' +
    'Exit 1 refuses the commit or push. Hooks are a convenience: CI runs `designgate verify`, which a\n' +
    '`--no-verify` or HUSKY=0 cannot skip.',
  async run(io, { positionals }) {
    const [name, ...args] = positionals;
    if (name === undefined) throw new DesignGateError('USAGE', m.hookNeedsName, { fix: m.unknownHookFix });
    const load = hooks[name];
    if (load === undefined) throw new DesignGateError('USAGE', m.unknownHook(name, Object.keys(hooks)), { fix: m.unknownHookFix });
    const runHook = await load();
    // Only pre-push gets input from git; reading stdin elsewhere could wait on a pipe nobody closes.
    const stdin = name === 'pre-push' ? await io.readStdin() : '';
    const git = await openGit({ cwd: io.cwd, env: io.env });
    let problems: Problem[];
    try {
      problems = await runHook({ git, repoRoot: git.root, env: io.env, args, stdin, lint: lintLazily, cacheKeyDir: userCacheDir(io.env) });
    } finally {
      await git.close();
    }
    io.stderr(formatHookOutput(name, problems, io.color));
    return hasErrors(problems) ? EXIT.gateFailed : EXIT.ok;
  },
};

/** The lint rules, imported (with remark) only when a hook has a document to lint. */
const lintLazily: LintDocuments = async (request) => (await import('../check-staged.js')).lintDocuments(request);

/**
 * Every line prefixed `designgate - `, then a summary line; nothing at all when there is no problem
 * (a passing hook stays silent, as husky's own do).
 * @example formatHookOutput('pre-commit', problems, false) // 'designgate - src/a.ts: error …\ndesigngate - pre-commit: 1 error, 0 warnings; refused …\n'
 */
export function formatHookOutput(hook: string, problems: readonly Problem[], color: boolean): string {
  if (problems.length === 0) return '';
  const lines = formatProblemsText(problems, color).trimEnd().split('\n');
  const summary = hasErrors(problems) ? m.refused(hook, summarise(problems)) : m.passedWithWarnings(hook, summarise(problems));
  return `${[...lines, summary].map((l) => m.prefix + l).join('\n')}\n`;
}

