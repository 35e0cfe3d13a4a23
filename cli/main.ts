/**
 * The CLI entry: parse argv, load one command, run it, and turn every outcome into an exit code.
 * This is the only place that catches errors for the user; below it the core throws typed errors.
 */
import { parseArgs } from 'node:util';
import type { Command, Io } from './command.js';
import { commands, summaries } from './commands/index.js';
import { EXIT, exitCodeFor } from './exit.js';
import { cliMessages } from './messages.js';
import { DesignGateError, formatLocation, isDesignGateError } from '../core/errors.js';
import { version } from './version.js';

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return report(error, io);
  }
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    if (topic !== undefined) return dispatch([topic, '--help'], io);
    io.stdout(topLevelHelp());
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${version}\n`);
    return EXIT.ok;
  }
  const load = commands[first];
  if (load === undefined) {
    throw new DesignGateError('USAGE', cliMessages.unknownCommand(first), { fix: cliMessages.unknownCommandFix });
  }
  const command = await load();
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, '') : String(error);
    throw new DesignGateError('USAGE', cliMessages.badArguments(first, detail), { fix: cliMessages.badArgumentsFix(first) });
  }
  if (parsed.values['help'] === true) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }
  return command.run(io, parsed);
}

function report(error: unknown, io: Io): number {
  if (isDesignGateError(error)) {
    const lines = error.causes.length > 0 ? error.causes.map((c) => `${formatLocation(c)}: ${c.message}`) : [];
    io.stderr(`designgate: ${error.message}\n`);
    for (const line of lines) io.stderr(`  ${line}\n`);
    if (error.fix !== undefined) io.stderr(`  fix: ${error.fix}\n`);
    return exitCodeFor(error.code);
  }
  const detail = error instanceof Error ? error.message : String(error);
  io.stderr(`${cliMessages.internalError(version, process.version, detail)}\n`);
  if (io.env['DESIGNGATE_DEBUG'] && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT.usage;
}

export function topLevelHelp(): string {
  const names = Object.keys(summaries);
  const width = Math.max(...names.map((n) => n.length));
  return [
    'designgate: design-driven development, enforced by git hooks and CI',
    '',
    'Usage: designgate <command> [options]',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${summaries[n]}`),
    '',
    'Options:',
    '  -h, --help     show help (also: designgate <command> --help)',
    '  -v, --version  print the version',
    '',
    'Exit codes: 0 all gates hold, 1 a gate failed, 2 usage or configuration error, 3 a generation session escalated.',
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const lines = [`designgate ${command.name}: ${summaries[command.name] ?? ''}`, '', 'Usage:'];
  for (const u of command.usage) lines.push(`  ${u}`);
  const opts = Object.entries(command.options);
  lines.push('', 'Options:');
  const rows = opts.map(([name, o]) => [`${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ' <value>' : ''}`, o.description] as const);
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([l]) => l.length));
  for (const [l, d] of rows) lines.push(`  ${l.padEnd(width)}  ${d}`);
  if (command.details) lines.push('', command.details.trimEnd());
  lines.push('');
  return lines.join('\n');
}
