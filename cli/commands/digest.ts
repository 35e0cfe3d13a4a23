/** `designgate digest <design> [--json]`: the digest of a design as it stands, and its recorded approval digest. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from '../command.js';
import { DesignGateError } from '../../core/errors.js';
import { findRepoRoot } from '../../core/git/worktree.js';
import { designState } from '../../core/design-state.js';
import { workspaceMessages } from '../../core/messages/workspace.js';
import { toRepoRelative } from '../paths.js';
import { EXIT } from '../exit.js';
import { cliMessages } from '../messages.js';

export const command: Command = {
  name: 'digest',
  usage: ['designgate digest <design> [--json]'],
  options: {
    json: { type: 'boolean', description: 'print file, digest, approved digest and state as JSON' },
  },
  details: 'The digest covers the repository path, the frontmatter without status and approval, and the body\n(BOM dropped, LF line endings, trailing white space removed, Unicode NFC). See docs/design/core/digest.md.',
  async run(io, { positionals, values }) {
    if (positionals.length !== 1) throw new DesignGateError('USAGE', cliMessages.digestNeedsOnePath, { fix: cliMessages.badArgumentsFix('digest') });
    const repoRoot = await findRepoRoot(io.cwd, io.env);
    if (repoRoot === undefined) throw new DesignGateError('GIT', workspaceMessages.notARepository(io.cwd), { fix: workspaceMessages.notARepositoryFix });
    const repoPath = toRepoRelative(repoRoot, io.cwd, positionals[0] as string);
    let text: string;
    try {
      text = await readFile(join(repoRoot, repoPath), 'utf8');
    } catch {
      throw new DesignGateError('IO', cliMessages.cannotRead(repoPath), { fix: cliMessages.cannotReadFix });
    }
    const state = designState(repoPath, text);
    if (state.state === 'invalid') {
      throw new DesignGateError('FRONTMATTER', cliMessages.digestInvalid(repoPath), { causes: state.causes ?? [], fix: cliMessages.digestInvalidFix(repoPath) });
    }
    if (values['json'] === true) {
      io.stdout(`${JSON.stringify({ file: repoPath, digest: state.digest, approvedDigest: state.approvedDigest ?? null, state: state.state }, null, 2)}\n`);
    } else io.stdout(`${state.digest}\n`);
    return EXIT.ok;
  },
};
