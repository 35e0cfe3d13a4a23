/** `designgate check [paths… | --all]`: the structural gate on the work tree. */
import type { Command } from '../command.js';
import { loadWorkspace } from '../../core/workspace.js';
import { hasErrors } from '../../core/problem.js';
import { runLocalGates } from '../../core/local-gates.js';
import { userCacheDir } from '../cache-dir.js';
import { DesignGateError } from '../../core/errors.js';
import { formatProblemsJson, formatProblemsText, summarise } from '../format/problems.js';
import { workTreeReader } from '../read-file.js';
import { EXIT } from '../exit.js';
import { cliMessages } from '../messages.js';
import { toRepoRelative } from '../paths.js';

export const command: Command = {
  name: 'check',
  usage: ['designgate check [--all] [--json]', 'designgate check <path…> [--json]', 'designgate check --staged [--json]'],
  options: {
    all: { type: 'boolean', description: 'check every component of the repository (the default without paths)' },
    json: { type: 'boolean', description: 'print the problems as JSON' },
    staged: { type: 'boolean', description: 'judge what the next commit would contain (the index), as the pre-commit hook does' },
  },
  details:
    'Checks that every code file has its design and its test, that every design parses and maps back to code, and\n' +
    'that every approval is verified (digest, Approved-by trailer, approver, signature, no self-approval; gates.approval);\n' +
    'with an architecture document, that every design lies inside a context, its depends_on stays within what its\n' +
    'context may use, and code imports only what its design declares (gates.architecture sets the severity).\n' +
    'Code files listed in .designgate/baseline.json (`designgate adopt`) need no design or test until one is written.\n' +
    'Paths may be files or folders, relative to the current directory. Exit 1 when a problem is an error.',
  async run(io, { positionals, values }) {
    if (values['staged'] === true) {
      if (positionals.length > 0 || values['all'] === true) throw new DesignGateError('USAGE', cliMessages.stagedAlone, { fix: cliMessages.badArgumentsFix('check') });
      return (await import('../check-staged.js')).runCheckStaged(io, { json: values['json'] === true });
    }
    if (values['all'] === true && positionals.length > 0) {
      throw new DesignGateError('USAGE', cliMessages.allWithPaths, { fix: cliMessages.badArgumentsFix('check') });
    }
    const ws = await loadWorkspace({ cwd: io.cwd, env: io.env });
    const paths = positionals.length === 0 ? undefined : positionals.map((p) => toRepoRelative(ws.repoRoot, io.cwd, p));
    const { problems } = await runLocalGates(ws, workTreeReader(ws.repoRoot), {
      env: io.env,
      now: new Date(),
      architecture: true,
      cacheKeyDir: userCacheDir(io.env),
      ...(paths === undefined ? {} : { paths }),
    });
    if (values['json'] === true) io.stdout(formatProblemsJson(problems));
    else {
      io.stdout(formatProblemsText(problems, io.color));
      io.stderr(problems.length === 0 ? cliMessages.checkPassed : `${summarise(problems)}\n`);
    }
    return hasErrors(problems) ? EXIT.gateFailed : EXIT.ok;
  },
};
