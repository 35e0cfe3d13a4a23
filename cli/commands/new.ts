/** `designgate new <code-path> [--type T]`: a draft design from the type's template; never overwrites. */
import { join } from 'node:path';
import type { Command } from '../command.js';
import { DesignGateError } from '../../core/errors.js';
import { findRepoRoot } from '../../core/git/worktree.js';
import { locateFile } from '../../core/locate.js';
import { compileMapping } from '../../core/mapping.js';
import { compileGlobs } from '../../core/glob.js';
import { renderDraft } from '../../core/templates.js';
import { writeFileAtomic, TargetExistsError } from '../../core/fs-atomic.js';
import { workspaceMessages } from '../../core/messages/workspace.js';
import { toRepoRelative } from '../paths.js';
import { EXIT } from '../exit.js';
import { cliMessages } from '../messages.js';

export const command: Command = {
  name: 'new',
  usage: ['designgate new <code-path> [--type <type>]', 'designgate new story <id> <title…>'],
  options: {
    type: { type: 'string', short: 't', description: 'the component type (default: the rule\'s type, else the config\'s default type)' },
  },
  details: 'Writes the design document that the mapping assigns to <code-path>, as a draft with the type\'s sections.\nThe code file need not exist yet. An existing design is never overwritten.',
  async run(io, { positionals, values }) {
    if (positionals[0] === 'story') return (await import('../new-story.js')).newStory(io, positionals.slice(1));
    if (positionals.length !== 1) throw new DesignGateError('USAGE', cliMessages.newNeedsOnePath, { fix: cliMessages.badArgumentsFix('new') });
    const repoRoot = await findRepoRoot(io.cwd, io.env);
    if (repoRoot === undefined) throw new DesignGateError('GIT', workspaceMessages.notARepository(io.cwd), { fix: workspaceMessages.notARepositoryFix });
    const repoPath = toRepoRelative(repoRoot, io.cwd, positionals[0] as string);
    const { config, local, prefix } = locateFile(repoRoot, repoPath);
    if (compileGlobs(config.ignore)(local)) throw new DesignGateError('USAGE', cliMessages.newIgnored(repoPath), { fix: cliMessages.newIgnoredFix });
    const mapping = compileMapping(config.components);
    const triple = mapping.fromCode(local);
    if (triple === undefined) {
      const other = mapping.classify(local);
      if (other !== undefined) throw new DesignGateError('USAGE', cliMessages.newNotCode(repoPath, other.role, prefix + other.triple.code), { fix: cliMessages.newNotCodeFix(prefix + other.triple.code) });
      throw new DesignGateError('USAGE', cliMessages.newUnmapped(repoPath), { fix: cliMessages.newUnmappedFix });
    }
    const type = typeof values['type'] === 'string' ? values['type'] : (config.components[triple.rule]?.type ?? config.defaultType);
    const template = config.types[type];
    if (template === undefined) {
      throw new DesignGateError('USAGE', cliMessages.newUnknownType(type, Object.keys(config.types)), { fix: cliMessages.newUnknownTypeFix });
    }
    const designPath = prefix + triple.design;
    try {
      await writeFileAtomic(join(repoRoot, designPath), renderDraft({ type, template, codePath: repoPath }), { overwrite: false });
    } catch (error) {
      if (error instanceof TargetExistsError) throw new DesignGateError('USAGE', cliMessages.newExists(designPath), { fix: cliMessages.newExistsFix(designPath) });
      throw error;
    }
    io.stdout(cliMessages.newWritten(designPath, type, prefix + triple.test));
    return EXIT.ok;
  },
};
