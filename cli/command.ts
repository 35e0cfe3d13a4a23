/**
 * The shape every command module exports. Commands are loaded lazily by name (see
 * `cli/commands/index.ts`) so `designgate --version` imports nothing heavy.
 */
import type { ParseArgsConfig } from 'node:util';

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is a terminal and NO_COLOR is unset: colour and progress are allowed. */
  color: boolean;
  /** Reads all of standard input (pre-push gets git's ref lines there). */
  readStdin: () => Promise<string>;
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  name: string;
  /** `designgate <name> …` synopsis lines. */
  usage: string[];
  /** Options besides the global --help; `description` is shown in `<name> --help`. */
  options: Record<string, OptionSpec[string] & { description: string }>;
  /** Free text shown after the options in `<name> --help`. */
  details?: string;
  /** Returns the exit code; throws DesignGateError for usage/config problems. */
  run(io: Io, args: { positionals: string[]; values: Record<string, string | boolean | string[] | boolean[] | undefined> }): Promise<number>;
}
