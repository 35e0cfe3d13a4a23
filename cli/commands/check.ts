/** `designgate check [paths… | --all]`: the structural gate on the work tree. */
import type { Command } from '../command.js';
import { loadWorkspace } from '../../core/workspace.js';
import { checkStructure } from '../../core/structure.js';
import { hasErrors, sortProblems } from '../../core/problem.js';
import { checkGate1 } from '../../core/architecture/gate1.js';
import { checkBoundaries } from '../../core/boundaries/drift.js';
import { DesignGateError } from '../../core/errors.js';
import { formatProblemsJson, formatProblemsText, summarise } from '../format/problems.js';
import { workTreeReader } from '../read-file.js';
import { EXIT } from '../exit.js';
import { cliMessages } from '../messages.js';
import { toRepoRelative } from '../paths.js';

export const command: Command = {
  name: 'check',
  usage: ['designgate check [--all] [--json]', 'designgate check <path…> [--json]'],
  options: {
    all: { type: 'boolean', description: 'check every component of the repository (the default without paths)' },
    json: { type: 'boolean', description: 'print the problems as JSON' },
  },
  details:
    'Checks that every code file has its design and its test, and that every design parses and maps back to code;\n' +
    'with an architecture document, that every design lies inside a context, its depends_on stays within what its\n' +
    'context may use, and code imports only what its design declares (gates.architecture sets the severity).\n' +
    'Paths may be files or folders, relative to the current directory. Exit 1 when a problem is an error.',
  async run(io, { positionals, values }) {
    if (values['all'] === true && positionals.length > 0) {
      throw new DesignGateError('USAGE', cliMessages.allWithPaths, { fix: cliMessages.badArgumentsFix('check') });
    }
    const ws = await loadWorkspace({ cwd: io.cwd, env: io.env });
    const paths = positionals.length === 0 ? undefined : positionals.map((p) => toRepoRelative(ws.repoRoot, io.cwd, p));
    const read = workTreeReader(ws.repoRoot);
    const options = paths === undefined ? {} : { paths };
    const structure = await checkStructure(ws, read, options);
    const found = [...structure.problems];
    // Gate 1 (designs inside the approved architecture, allowed depends_on) and boundary drift
    // (imports the design does not declare) per config; both follow gates.architecture.
    for (const group of ws.groups) {
      const gate1 = await checkGate1(group, read, options);
      found.push(...gate1.problems);
      found.push(...(await checkBoundaries(group, read, { ...options, ...(gate1.architecture ? { architecture: gate1.architecture } : {}) })));
    }
    const problems = sortProblems(found);
    if (values['json'] === true) io.stdout(formatProblemsJson(problems));
    else {
      io.stdout(formatProblemsText(problems, io.color));
      io.stderr(problems.length === 0 ? cliMessages.checkPassed : `${summarise(problems)}\n`);
    }
    return hasErrors(problems) ? EXIT.gateFailed : EXIT.ok;
  },
};
