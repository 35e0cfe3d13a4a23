/**
 * `designgate completion bash|zsh`: prints a completion script generated from the command registry
 * and each command's options and synopsis, so it cannot drift from the CLI. Loading every command
 * module costs a few milliseconds, paid only here, never on the hook path.
 */
import type { Command } from '../command.js';
import { commands, summaries } from './index.js';
import { bashCompletion, completionSpec, zshCompletion } from '../format/completion.js';
import { DesignGateError } from '../../core/errors.js';
import { doctorMessages as m } from '../../core/messages/doctor.js';
import { EXIT } from '../exit.js';

const SHELLS = { bash: bashCompletion, zsh: zshCompletion } as const;

export const command: Command = {
  name: 'completion',
  usage: ['designgate completion bash|zsh'],
  options: {},
  details:
    'bash: `source <(designgate completion bash)` in ~/.bashrc, or save it as\n' +
    '~/.local/share/bash-completion/completions/designgate.\n' +
    'zsh: `source <(designgate completion zsh)` after compinit in ~/.zshrc, or save it as _designgate in a folder of $fpath.',
  async run(io, { positionals }) {
    const shell = positionals[0];
    if (positionals.length !== 1 || (shell !== 'bash' && shell !== 'zsh')) {
      throw new DesignGateError('USAGE', m.completionUsage(Object.keys(SHELLS)), { fix: m.completionUsageFix });
    }
    const loaded = await Promise.all(Object.values(commands).map((load) => load()));
    io.stdout(SHELLS[shell](completionSpec(loaded, summaries)));
    return EXIT.ok;
  },
};
