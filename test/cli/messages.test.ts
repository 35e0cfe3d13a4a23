import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliMessages, exitMeanings } from '../../cli/messages.js';
import { EXIT } from '../../cli/exit.js';

/** Messages that are printed on stdout as results; every other entry is an error sentence or a fix. */
const results = new Set(['checkPassed', 'statusEmpty', 'newWritten', 'initKept', 'initWritten', 'initRemarkrcWritten', 'initRemarkrcKept', 'initTrailerRegistered', 'initHooksInstalled', 'initNote']);

/** Sample arguments for every message that takes some; a new message must be added here. */
const samples: Record<string, unknown[]> = {
  unknownCommand: ['frob'],
  badArguments: ['check', "Unknown option '--x'"],
  badArgumentsFix: ['check'],
  internalError: ['1.0.0', 'v20.0.0', 'boom'],
  pathOutsideRepo: ['../x'],
  newIgnored: ['lib/gen.ex'],
  newNotCode: ['docs/design/a.md', 'design', 'lib/a.ex'],
  newNotCodeFix: ['lib/a.ex'],
  newUnmapped: ['README.md'],
  newUnknownType: ['widget', ['module', 'service']],
  newExists: ['docs/design/a.md'],
  newExistsFix: ['docs/design/a.md'],
  newWritten: ['docs/design/a.md', 'module', 'test/a_test.exs'],
  cannotRead: ['docs/x.md'],
  digestInvalid: ['docs/x.md'],
  digestInvalidFix: ['docs/x.md'],
  initKept: ['.designrc.json'],
  initRemarkrcKept: ['.remarkrc.yml'],
  initNote: ['add a prepare script'],
  initUnknownPreset: ['rust', ['go', 'python']],
  initNoPresetFix: [['go', 'python']],
  initWritten: ['go', ['docs/design']],
};

function render(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  assert.equal(typeof value, 'function', name);
  const args = samples[name];
  assert.ok(args !== undefined, `add sample arguments for ${name}`);
  const out = (value as (...a: unknown[]) => unknown)(...args);
  assert.equal(typeof out, 'string', name);
  return out as string;
}

test('error sentences and fixes are one line, without a trailing newline or full stop', () => {
  for (const [name, value] of Object.entries(cliMessages)) {
    if (results.has(name) || name === 'internalError') continue;
    const text = render(name, value);
    assert.ok(!text.includes('\n'), `${name} is one line: ${JSON.stringify(text)}`);
    assert.ok(!text.endsWith('.'), `${name} has no trailing full stop`);
    assert.ok(text.length > 0 && !text.includes('undefined'), name);
  }
});

test('results printed on stdout end with a newline', () => {
  for (const name of results) {
    const text = render(name, cliMessages[name as keyof typeof cliMessages]);
    assert.ok(text.endsWith('\n'), name);
    assert.ok(!text.includes('undefined'), name);
  }
});

test('every fix belongs to a message and starts with what to do', () => {
  for (const [name, value] of Object.entries(cliMessages)) {
    if (!name.endsWith('Fix')) continue;
    assert.ok(name.slice(0, -3) in cliMessages, `${name} has no message ${name.slice(0, -3)}`);
    assert.match(render(name, value), /^(run|give|add|remove|check|edit|fix|pass) /, name);
  }
});

test('messages carry their arguments verbatim', () => {
  assert.equal(cliMessages.unknownCommand('frobnicate'), "unknown command 'frobnicate'");
  assert.equal(cliMessages.badArgumentsFix('check'), 'run `designgate check --help`');
  assert.equal(cliMessages.pathOutsideRepo('../x'), '../x is outside the repository');
  assert.equal(cliMessages.newNotCode('docs/design/a.md', 'design', 'src/a.ts'), 'docs/design/a.md is a design file, not a code file (its code file is src/a.ts)');
  assert.equal(cliMessages.newNotCodeFix('src/a.ts'), 'run `designgate new src/a.ts`');
  assert.equal(cliMessages.initUnknownPreset('rust', ['go', 'python']), "unknown preset 'rust' (known: go, python)");
  assert.equal(cliMessages.initNoPresetFix(['typescript', 'go']), 'run `designgate init --preset <name>` with one of: typescript, go');
  assert.equal(cliMessages.newWritten('docs/design/a.md', 'module', 'test/a.test.ts'),
    'wrote docs/design/a.md (type module, draft)\nnext: fill in its sections, get it approved, then write the code and its test test/a.test.ts\n');
});

test('internalError names both versions and how to see the stack', () => {
  const text = cliMessages.internalError('1.2.3', 'v20.0.0', 'boom');
  assert.match(text, /^designgate 1\.2\.3 hit an internal error \(a bug, not your mistake\): boom\n/);
  assert.match(text, /node v20\.0\.0/);
  assert.match(text, /DESIGNGATE_DEBUG=1/);
});

test('every exit code has a meaning, one line without a trailing full stop', () => {
  assert.deepEqual(Object.keys(exitMeanings).sort(), Object.keys(EXIT).sort());
  for (const [name, text] of Object.entries(exitMeanings)) {
    assert.ok(text.length > 0 && !text.includes('\n') && !text.endsWith('.'), name);
  }
});
