/**
 * Runs `generator.testCommand` for one component. The command is split into an argument vector
 * here (single and double quotes, backslash escapes) and started without a shell, so nothing in it
 * or in a path is ever interpreted: an unquoted `|`, `;`, `&`, `<`, `>`, `$` or backquote is
 * refused, and a team that needs a pipeline names a script (`sh scripts/test-one.sh {test}`). The
 * `{test}` and `{code}` placeholders become the component's paths — chosen by the mapping, never by
 * the model — and a path with characters outside a plain set is refused as well, so even a command
 * that hands its arguments to a shell (`sh -c '… {test}'`) cannot be injected through a file name.
 *
 * The run has a time limit; the command and everything it started (its process group) is stopped
 * at the limit. Output is kept up to a cap, head and tail, since failures report at the end.
 */
import { spawn } from 'node:child_process';
import { DesignGateError } from '../core/errors.js';
import { generatorMessages as m } from '../core/messages/generators.js';

export interface TestRun {
  passed: boolean;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** stdout and stderr interleaved as they arrived, cut in the middle past the cap. */
  output: string;
  ms: number;
}

const OPERATORS = new Set(['|', ';', '&', '<', '>', '$', '`', '(', ')', '\n', '\r']);
const SAFE_PATH = /^[A-Za-z0-9._/@+=,-]+$/;
const DEFAULT_MAX_OUTPUT = 256 * 1024;

/**
 * Splits a command line into words; placeholders stay as written. Throws CONFIG on unbalanced
 * quotes, shell operators outside quotes, or an empty command.
 * @example parseTestCommand(`node --test "{test}"`) // ['node', '--test', '{test}']
 */
export function parseTestCommand(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  const bad = (detail: string) => new DesignGateError('CONFIG', m.badTestCommand(command, detail), { fix: m.badTestCommandFix });
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word = `${word ?? ''}${ch}`;
      continue;
    }
    if (quote === '"') {
      const next = command[i + 1];
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && (next === '"' || next === '\\')) {
        word = `${word ?? ''}${next}`;
        i++;
      } else if (ch === '$' || ch === '`') throw bad(m.testCommandOperator(ch));
      else word = `${word ?? ''}${ch}`;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      word ??= '';
      continue;
    }
    if (ch === '\\') {
      const next = command[i + 1];
      if (next === undefined) throw bad(m.testCommandTrailingBackslash);
      word = (word ?? '') + next;
      i++;
      continue;
    }
    if (OPERATORS.has(ch)) throw bad(m.testCommandOperator(ch));
    word = (word ?? '') + ch;
  }
  if (quote !== undefined) throw bad(m.testCommandUnclosedQuote);
  if (word !== undefined) words.push(word);
  if (words.length === 0) throw bad(m.testCommandEmpty);
  return words;
}

/**
 * Replaces `{test}` and `{code}` in every word. Throws CONFIG when a path has characters outside
 * `A-Z a-z 0-9 . _ / @ + = , -`.
 * @example bindTestCommand(['mix', 'test', '{test}'], { test: 'test/a_test.exs', code: 'lib/a.ex' }) // ['mix', 'test', 'test/a_test.exs']
 */
export function bindTestCommand(words: readonly string[], paths: { test: string; code: string }): string[] {
  for (const [name, path] of Object.entries(paths)) {
    if (!SAFE_PATH.test(path) || path.startsWith('-')) {
      throw new DesignGateError('CONFIG', m.unsafeTestPath(name, path), { fix: m.unsafeTestPathFix });
    }
  }
  return words.map((w) => w.replaceAll('{test}', paths.test).replaceAll('{code}', paths.code));
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  maxOutputBytes?: number;
}

/**
 * Runs the command; resolves with how it ended. Throws CONFIG when the program does not exist
 * (a setup problem, not a failing test).
 */
export function runTestCommand(argv: readonly string[], options: RunOptions): Promise<TestRun> {
  const [program, ...args] = argv;
  if (program === undefined) return Promise.reject(new DesignGateError('CONFIG', m.badTestCommand('', m.testCommandEmpty), { fix: m.badTestCommandFix }));
  const cap = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the time limit stops what the command started too.
      detached: process.platform !== 'win32',
    });
    const head: Buffer[] = [];
    let headBytes = 0;
    let tail: Buffer[] = [];
    let tailBytes = 0;
    let dropped = 0;
    const collect = (chunk: Buffer) => {
      if (headBytes < cap / 2) {
        const take = chunk.subarray(0, cap / 2 - headBytes);
        head.push(take);
        headBytes += take.length;
        chunk = chunk.subarray(take.length);
      }
      if (chunk.length === 0) return;
      tail.push(chunk);
      tailBytes += chunk.length;
      while (tailBytes > cap / 2 && tail.length > 0) {
        const first = tail[0]!;
        const excess = tailBytes - cap / 2;
        if (first.length <= excess) {
          tail.shift();
          tailBytes -= first.length;
          dropped += first.length;
        } else {
          tail[0] = first.subarray(excess);
          tailBytes -= excess;
          dropped += excess;
        }
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const kill = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // already gone
      }
    };
    let hard: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      kill('SIGTERM');
      hard = setTimeout(() => kill('SIGKILL'), 2000);
    }, options.timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === 'ENOENT') reject(new DesignGateError('CONFIG', m.testProgramMissing(program), { fix: m.testProgramMissingFix, cause: error }));
      else reject(new DesignGateError('IO', m.testCommandFailedToStart(program, error.message), { fix: m.badTestCommandFix, cause: error }));
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      clearTimeout(hard);
      // Whatever the command left running in its group goes too.
      kill('SIGKILL');
      const middle = dropped > 0 ? Buffer.from(`\n[… ${dropped} bytes of output cut …]\n`) : Buffer.alloc(0);
      const output = Buffer.concat([...head, middle, ...tail]).toString('utf8');
      resolve({ passed: exitCode === 0 && !timedOut, exitCode, signal, timedOut, output, ms: performance.now() - started });
      tail = [];
    });
  });
}
