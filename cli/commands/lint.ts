/** `designgate lint [paths…] [--json]`: the design lint rules over the work tree's design documents. */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from '../command.js';
import { loadWorkspace, type ConfigGroup, type Workspace } from '../../core/workspace.js';
import { hasErrors, sortProblems, type Problem } from '../../core/problem.js';
import { DesignGateError } from '../../core/errors.js';
import { lintMessages } from '../../core/messages/lint.js';
import { classifyFiles, gatherFacts, optionsFromConfig, type DesignLintOptions } from '../../lint-rules/support/options.js';
import { formatProblemsJson, formatProblemsText, summarise } from '../format/problems.js';
import { EXIT } from '../exit.js';
import { toRepoRelative } from '../paths.js';

interface Job {
  options: DesignLintOptions;
  /** Config-relative paths. */
  files: string[];
}

export const command: Command = {
  name: 'lint',
  usage: ['designgate lint [--json]', 'designgate lint <path…> [--json]'],
  options: {
    json: { type: 'boolean', description: 'print the problems as JSON' },
  },
  details:
    'Checks design documents with the design lint rules (docs/rules.md): frontmatter, required sections,\n' +
    'approval digest and consistency, known stories and dependencies. Without paths: every design document,\n' +
    'plus the architecture and the stories when configured. Paths may be files or folders, relative to the\n' +
    'current directory. Exit 1 when a problem is an error; warnings alone exit 0.',
  async run(io, { positionals, values }) {
    const ws = await loadWorkspace({ cwd: io.cwd, env: io.env });
    const selection = await select(ws, io.cwd, positionals);
    const jobs: Job[] = [];
    for (const group of ws.groups) {
      const base = optionsFromConfig(group.config, { repoPrefix: group.prefix });
      const documents = classifyFiles(base, group.files);
      const candidates = [...documents.designs, ...documents.architecture, ...documents.stories];
      const files = selection === undefined ? candidates : selection.filesOf(group, candidates);
      if (files.length === 0) continue;
      const facts = await gatherFacts(base, group.files, readerFor(group));
      jobs.push({ options: { ...base, ...facts }, files: [...new Set(files)].sort() });
    }
    const count = jobs.reduce((n, j) => n + j.files.length, 0);
    if (count === 0) {
      if (values['json'] === true) io.stdout(formatProblemsJson([]));
      else io.stderr(lintMessages.nothingToLint);
      return EXIT.ok;
    }
    // remark is imported only now that there is something to lint.
    const { lintFiles } = await import('../../lint-rules/run.js');
    const problems: Problem[] = [];
    for (const job of jobs) {
      const root = job.options.root ?? ws.repoRoot;
      const texts = await Promise.all(job.files.map(async (path) => ({ path, text: (await readFile(join(root, path))).toString('utf8') })));
      problems.push(...(await lintFiles(texts, job.options)));
    }
    const sorted = sortProblems(problems);
    if (values['json'] === true) io.stdout(formatProblemsJson(sorted));
    else {
      io.stdout(formatProblemsText(sorted, io.color));
      io.stderr(sorted.length === 0 ? lintMessages.lintPassed(count) : lintMessages.lintSummary(count, summarise(sorted)));
    }
    return hasErrors(sorted) ? EXIT.gateFailed : EXIT.ok;
  },
};

function readerFor(group: ConfigGroup): (path: string) => Promise<string | undefined> {
  return async (path) => readFile(join(group.config.root, path), 'utf8').catch(() => undefined);
}

/**
 * The paths the user named, as repository-relative files and folders. A named file is linted even
 * when it is not a design document by the mapping (the rules then judge it as what it is, or leave
 * it alone); a named folder selects the documents under it.
 */
async function select(
  ws: Workspace,
  cwd: string,
  positionals: readonly string[],
): Promise<{ filesOf(group: ConfigGroup, candidates: readonly string[]): string[] } | undefined> {
  if (positionals.length === 0) return undefined;
  const files: string[] = [];
  const folders: string[] = [];
  for (const given of positionals) {
    const path = toRepoRelative(ws.repoRoot, cwd, given);
    const info = await stat(join(ws.repoRoot, path)).catch(() => undefined);
    if (info === undefined) throw new DesignGateError('USAGE', lintMessages.noSuchPath(given), { fix: lintMessages.noSuchPathFix });
    if (info.isDirectory()) folders.push(path);
    else if (!ws.groups.some((g) => path.startsWith(g.prefix))) {
      throw new DesignGateError('USAGE', lintMessages.ungoverned(given), { fix: lintMessages.ungovernedFix });
    } else files.push(path);
  }
  const under = (file: string) => folders.some((f) => f === '' || file === f || file.startsWith(`${f}/`));
  // A file belongs to the group of the nearest config above it: the longest matching prefix.
  const owner = (path: string) =>
    ws.groups.filter((g) => path.startsWith(g.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
  return {
    filesOf(group, candidates) {
      const out = candidates.filter((c) => under(group.prefix + c));
      for (const f of files) if (owner(f) === group) out.push(f.slice(group.prefix.length));
      return out;
    },
  };
}
