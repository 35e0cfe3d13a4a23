/**
 * `designgate check --staged`: the pre-commit gate run by hand (what the commit would contain, read
 * from the index), and the bridge that hands the lint rules to the gates: core and hooks never
 * import lint-rules (docs/architecture.md), so the CLI injects this runner into them.
 */
import type { Io } from './command.js';
import { openGit } from '../core/git/index.js';
import { hasErrors, type Problem } from '../core/problem.js';
import type { LintDocuments } from '../core/verify/types.js';
import { preCommit } from '../hooks/pre-commit.js';
import { formatProblemsJson, formatProblemsText, summarise } from './format/problems.js';
import { EXIT } from './exit.js';
import { userCacheDir } from './cache-dir.js';
import { cliMessages } from './messages.js';

/**
 * The design lint rules over documents of one config, with the facts they need (known stories and
 * components) gathered from the snapshot. remark is imported only when there is a document to lint.
 */
export const lintDocuments: LintDocuments = async (request) => {
  if (request.documents.length === 0) return [];
  const [{ optionsFromConfig, gatherFacts }, { lintFiles }] = await Promise.all([
    import('../lint-rules/support/options.js'),
    import('../lint-rules/run.js'),
  ]);
  const base = optionsFromConfig(request.governing.config, { repoPrefix: request.governing.prefix });
  const facts = await gatherFacts(base, await request.files(), request.read);
  return lintFiles(request.documents, { ...base, ...facts });
};

/** Runs the staged gate in the repository around `io.cwd`; returns the problems. */
export async function stagedProblems(io: Pick<Io, 'cwd' | 'env'>): Promise<Problem[]> {
  const git = await openGit({ cwd: io.cwd, env: io.env });
  try {
    return await preCommit({ git, repoRoot: git.root, env: io.env, args: [], stdin: '', lint: lintDocuments, cacheKeyDir: userCacheDir(io.env) });
  } finally {
    await git.close();
  }
}

/**
 * What `check --staged` prints and returns: the problems on stdout (text or JSON), the summary on
 * stderr, exit 1 when one is an error.
 * @example return runCheckStaged(io, { json: values['json'] === true })
 */
export async function runCheckStaged(io: Io, options: { json: boolean }): Promise<number> {
  const problems = await stagedProblems(io);
  if (options.json) io.stdout(formatProblemsJson(problems));
  else {
    io.stdout(formatProblemsText(problems, io.color));
    io.stderr(problems.length === 0 ? cliMessages.checkPassed : `${summarise(problems)}\n`);
  }
  return hasErrors(problems) ? EXIT.gateFailed : EXIT.ok;
}
