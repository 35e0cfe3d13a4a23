import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { bindTestCommand, parseTestCommand, runTestCommand } from '../../generators/test-runner.js';
import { isDesignGateError } from '../../core/errors.js';
import { sessionEnv } from '../helpers/code-project.js';

describe('parseTestCommand', () => {
  test('words, quotes and escapes, no shell', () => {
    assert.deepEqual(parseTestCommand('node --test {test}'), ['node', '--test', '{test}']);
    assert.deepEqual(parseTestCommand(`mix test "{test}" --seed 0`), ['mix', 'test', '{test}', '--seed', '0']);
    assert.deepEqual(parseTestCommand(`sh -c 'echo a; echo b'`), ['sh', '-c', 'echo a; echo b']);
    assert.deepEqual(parseTestCommand(`a "b \\"c\\"" d\\ e ''`), ['a', 'b "c"', 'd e', '']);
  });
  test('shell operators outside quotes, unclosed quotes and empty commands are CONFIG errors', () => {
    for (const [command, detail] of [
      ['npm test | tee log', /"\|" would need a shell/],
      ['a && b', /"&" would need a shell/],
      ['a; b', /";" would need a shell/],
      ['a > out', /">" would need a shell/],
      ['echo $HOME', /"\$" would need a shell/],
      ['echo "$(id)"', /"\$" would need a shell/],
      ['echo `id`', /"`" would need a shell/],
      ['a "b', /a quote is not closed/],
      ['   ', /it is empty/],
      ['a \\', /ends with a backslash/],
    ] as const) {
      assert.throws(() => parseTestCommand(command), (e: unknown) => {
        assert.ok(isDesignGateError(e));
        assert.equal(e.code, 'CONFIG');
        assert.match(e.message, detail);
        return true;
      }, command);
    }
  });
});

describe('bindTestCommand', () => {
  test('fills {test} and {code}', () => {
    assert.deepEqual(bindTestCommand(['run', '{test}', '--cover={code}'], { test: 'test/a_test.exs', code: 'lib/a.ex' }), ['run', 'test/a_test.exs', '--cover=lib/a.ex']);
  });
  test('refuses a path that could inject into a shell or pass as an option', () => {
    for (const path of ['test/$(rm -rf ~).js', 'test/a b.js', "test/a';x.js", '-rf', 'test/a\n.js']) {
      assert.throws(() => bindTestCommand(['sh', '-c', 'node --test {test}'], { test: path, code: 'src/a.js' }), /not safe to put on a command line/, path);
    }
  });
});

describe('runTestCommand', () => {
  const env = sessionEnv();
  test('a passing command', async () => {
    const r = await runTestCommand([process.execPath, '-e', 'console.log("ok")'], { cwd: process.cwd(), env, timeoutMs: 10_000 });
    assert.equal(r.passed, true);
    assert.equal(r.exitCode, 0);
    assert.equal(r.output, 'ok\n');
  });
  test('a failing command: its exit code and both streams', async () => {
    const r = await runTestCommand([process.execPath, '-e', 'console.log("out"); console.error("err"); process.exit(3)'], { cwd: process.cwd(), env, timeoutMs: 10_000 });
    assert.equal(r.passed, false);
    assert.equal(r.exitCode, 3);
    assert.match(r.output, /out/);
    assert.match(r.output, /err/);
  });
  test('the time limit stops the command and what it started', async () => {
    const script = "require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(()=>{}, 60000)'], { stdio: 'ignore' }); setTimeout(() => {}, 60000);";
    const t0 = Date.now();
    const r = await runTestCommand([process.execPath, '-e', script], { cwd: process.cwd(), env, timeoutMs: 300 });
    assert.equal(r.timedOut, true);
    assert.equal(r.passed, false);
    assert.ok(Date.now() - t0 < 5000);
  });
  test('output past the cap keeps its head and tail', async () => {
    const r = await runTestCommand([process.execPath, '-e', 'console.log("HEAD"); console.log("x".repeat(100000)); console.log("TAIL")'], { cwd: process.cwd(), env, timeoutMs: 10_000, maxOutputBytes: 1000 });
    assert.match(r.output, /^HEAD\n/);
    assert.match(r.output, /\[… \d+ bytes of output cut …\]/);
    assert.match(r.output, /TAIL\n$/);
    assert.ok(r.output.length < 1200);
  });
  test('a program that does not exist is a CONFIG error, not a failing test', async () => {
    await assert.rejects(runTestCommand(['no-such-program-xyz', 'a'], { cwd: process.cwd(), env, timeoutMs: 1000 }), /program "no-such-program-xyz" was not found/);
  });
});
