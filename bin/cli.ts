/**
 * The bundle's entry (dist/bin/cli.cjs): hands the real process to `cli/main`. bin/designgate
 * loads it through the code cache and sets the exit code from what `run` returns.
 */
import { main } from '../cli/main.js';
import type { Io } from '../cli/command.js';

/** The process as the CLI sees it: argv aside, everything `main` may touch. */
export function processIo(): Io {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text: string) => void process.stdout.write(text),
    stderr: (text: string) => void process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'],
    readStdin: async () => {
      if (process.stdin.isTTY) return '';
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/**
 * Runs one command line; resolves to its exit code (never rejects: `main` reports every error).
 * @example process.exitCode = await run(['status'])
 */
export function run(argv: string[]): Promise<number> {
  return main(argv, processIo());
}
