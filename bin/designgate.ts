#!/usr/bin/env node
/** Entry point: wires the real process to the CLI and sets the exit code (the one exit point). */

// The git hooks run on every commit and push. Their modules sit three dynamic imports deep
// (cli/main → the hook command → the hook), and each level waits for the one before to load; so
// the hook's own module graph starts loading here, beside the CLI's. Errors surface where the
// module is imported again (cli/commands/hook), so this one is only silenced.
const hookModules: Record<string, () => Promise<unknown>> = {
  'pre-commit': () => import('../hooks/pre-commit.js'),
  'pre-push': () => import('../hooks/pre-push.js'),
  'pre-merge-commit': () => import('../hooks/pre-merge-commit.js'),
};
const [command, hook] = process.argv.slice(2);
if (command === 'hook' && hook !== undefined) hookModules[hook]?.().catch(() => undefined);

const { main } = await import('../cli/main.js');

const io = {
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

process.exitCode = await main(process.argv.slice(2), io);
