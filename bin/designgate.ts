#!/usr/bin/env node
/** Entry point: wires the real process to the CLI and sets the exit code (the one exit point). */
import { main } from '../cli/main.js';

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
