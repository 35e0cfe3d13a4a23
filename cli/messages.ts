/** Sentences the CLI itself prints (core sentences live in core/messages/). */
import type { EXIT } from './exit.js';

export const cliMessages = {
  unknownCommand: (name: string) => `unknown command '${name}'`,
  unknownCommandFix: 'run `designgate --help` to list the commands',
  badArguments: (command: string, detail: string) => `${command}: ${detail}`,
  badArgumentsFix: (command: string) => `run \`designgate ${command} --help\``,
  internalError: (version: string, node: string, detail: string) =>
    `designgate ${version} hit an internal error (a bug, not your mistake): ${detail}\n` +
    `  node ${node}; please report it with the command you ran. Set DESIGNGATE_DEBUG=1 for the stack.`,
  allWithPaths: 'check: give either --all or paths, not both',
  stagedAlone: 'check: --staged judges the whole index; give it without paths or --all',
  checkPassed: 'check: every component has its design and its test\n',
  pathOutsideRepo: (path: string) => `${path} is outside the repository`,
  pathOutsideRepoFix: 'give a path inside the repository',
  statusEmpty: 'no components yet: add a code file and run `designgate new <code-path>`\n',
  newNeedsOnePath: 'new: give exactly one code path',
  newIgnored: (path: string) => `${path} is ignored by .designrc.json, so it needs no design`,
  newIgnoredFix: 'remove it from "ignore" in .designrc.json if it should have a design',
  newNotCode: (path: string, role: string, code: string) => `${path} is a ${role} file, not a code file (its code file is ${code})`,
  newNotCodeFix: (code: string) => `run \`designgate new ${code}\``,
  newUnmapped: (path: string) => `no rule in .designrc.json maps ${path} to a design`,
  newUnmappedFix: 'add a "components" rule for it in .designrc.json (see docs/config.md), or add it to "ignore"',
  newUnknownType: (type: string, known: readonly string[]) => `unknown component type '${type}' (known: ${known.join(', ')})`,
  newUnknownTypeFix: 'pass one of the known types with --type, or add the type under "types" in .designrc.json',
  newExists: (design: string) => `${design} already exists; designgate never overwrites a design`,
  newExistsFix: (design: string) => `edit ${design} instead, or delete it first if you really want a fresh draft`,
  newWritten: (design: string, type: string, test: string) =>
    `wrote ${design} (type ${type}, draft)\nnext: fill in its sections, get it approved, then write the code and its test ${test}\n`,
  digestNeedsOnePath: 'digest: give exactly one design document',
  cannotRead: (path: string) => `cannot read ${path}`,
  cannotReadFix: 'check the path (relative to the current directory)',
  digestInvalid: (path: string) => `${path} has no readable frontmatter, so it has no digest`,
  digestInvalidFix: (path: string) => `fix the frontmatter of ${path}`,
  initKept: (file: string) => `${file} exists; kept it as it is\n`,
  initUnknownPreset: (name: string, known: readonly string[]) => `unknown preset '${name}' (known: ${known.join(', ')})`,
  initNoPreset: 'could not tell which preset fits this repository (no mix.exs, go.mod, pyproject.toml, setup.py, package.json or tsconfig.json)',
  initNoPresetFix: (known: readonly string[]) => `run \`designgate init --preset <name>\` with one of: ${known.join(', ')}`,
  initWritten: (preset: string, designDirs: readonly string[]) =>
    `wrote .designrc.json (preset ${preset}) and created ${designDirs.join(', ')}\n` +
    'next: `designgate new <code-path>` writes a draft design; `designgate status` shows where things stand\n',
  initRemarkrcWritten: 'wrote .remarkrc.json: remark-cli and editors now lint designs with the designgate preset\n',
  initRemarkrcKept: (file: string) => `${file} exists; kept it (add "designgate/remark-preset" to its plugins to lint designs in your editor)\n`,
  initTrailerRegistered: 'registered the Approved-by trailer with git (git config trailer.approvedby.key Approved-by)\n',
  initHooksInstalled: 'installed the git hooks: .husky/pre-commit, commit-msg, pre-push, pre-merge-commit (core.hooksPath .husky/_)\n',
  initNote: (note: string) => `note: ${note}\n`,
} as const;

/**
 * What each exit code means, for the command reference (docs/cli.md). Keyed like `EXIT`, so a new
 * exit code fails the type check until it is explained.
 */
export const exitMeanings = {
  ok: 'every gate holds; the command did what it was asked',
  gateFailed: 'a gate failed: a design is missing, unapproved, stale or invalid, a lint rule or a verified commit failed, or generation was refused',
  usage: 'usage or configuration error, or git or a file could not be read: nothing was judged, never a pass',
  escalated: 'a generation session used its `maxAttempts` and handed back to a person (`designgate session show <id>`)',
} as const satisfies Record<keyof typeof EXIT, string>;
