import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { processIo, run } from '../../bin/cli.js';

/** Sets env vars for one call and restores them after. */
function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  try {
    return fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

describe('bin/cli', () => {
  test('processIo reports the current directory and environment, and no colour when stdout is not a terminal', () => {
    const io = withEnv({ NO_COLOR: undefined }, () => processIo());
    assert.equal(io.cwd, process.cwd());
    assert.equal(io.env, process.env);
    assert.equal(io.color, Boolean(process.stdout.isTTY));
  });

  test('processIo turns colour off when NO_COLOR is set, even on a terminal', () => {
    const tty = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
    Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
    try {
      assert.equal(withEnv({ NO_COLOR: '1' }, () => processIo()).color, false);
      assert.equal(withEnv({ NO_COLOR: undefined }, () => processIo()).color, true);
    } finally {
      if (tty === undefined) delete (process.stdout as { isTTY?: boolean }).isTTY;
      else Object.defineProperty(process.stdout, 'isTTY', tty);
    }
  });

  test('run resolves to the exit code: 0 for --version, 2 for an unknown command', async () => {
    const write = process.stdout.write.bind(process.stdout);
    const writeErr = process.stderr.write.bind(process.stderr);
    const out: string[] = [];
    process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      assert.equal(await run(['--version']), 0);
      assert.match(out.join(''), /^\d+\.\d+\.\d+\n/);
      assert.equal(await run(['frob']), 2);
    } finally {
      process.stdout.write = write;
      process.stderr.write = writeErr;
    }
  });
});
