/**
 * The README's five-minute tour, run as written: every ```sh block of the `## Five-minute tour`
 * section, in order, in one sample repository made from scratch in a temp dir, each block checked
 * for its exit status (0, or the `exit=N` of its info string) and for the lines of the ```text block
 * that follows it (in order, whole lines, `…` standing for any text).
 *
 * What differs from a newcomer's machine, and why:
 * - `npm install -D designgate tsx` installs THIS checkout: the one command is rewritten to name the
 *   tarball `npm pack` makes of it (dist/ as built, so build first). npm prefers the user's npm
 *   cache (`npm ci` filled it with the dependencies' tarballs): with the registry's package lists
 *   cached too, the test needs no network; without them npm fetches just those lists.
 * - The ```sh ollama block (`ollama pull …`) is not run: the fake Ollama server of
 *   test/helpers/fake-ollama.ts stands in, serving the models that block pulls, reached through
 *   OLLAMA_HOST, and answering with code and a test for the tour's `farewell` design.
 * - HOME is a temp dir, so `ssh-keygen` and git's global config never touch the real ones.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { binPath, projectRoot, scratch } from './helpers/repo.js';
import { startFakeOllama, type FakeOllama, type RecordedRequest } from './helpers/fake-ollama.js';
import { parseTour, matchLines, type TourStep } from './helpers/readme-tour.js';

/** The one README command rewritten to install the packed checkout. */
const INSTALL = 'npm install -D designgate tsx';

/** What the model answers for the tour's farewell design: a code file and a test that passes. */
const FAREWELL = {
  code: 'export function farewell(name: string): string {\n  return `Goodbye, ${name}!`;\n}\n',
  test: "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { farewell } from '../src/farewell.ts';\n\ntest('says goodbye to Ada by name', () => {\n  assert.equal(farewell('Ada'), 'Goodbye, Ada!');\n});\n",
};

const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
const steps = parseTour(readme);
const tmp = scratch();

let fake: FakeOllama;
let root: string;
let env: NodeJS.ProcessEnv;
let cwd: string;
let broken = false;
let installTarball: string;

/** The user's npm cache (filled by `npm ci`), asked before HOME is redirected. */
function npmCache(): string {
  return process.env['npm_config_cache'] ?? execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
}

/** The model answers only a prompt about the farewell design; anything else is a mistake of the tour. */
function reply(request: RecordedRequest) {
  const prompt = JSON.stringify(request.body?.['messages'] ?? request.body?.['prompt'] ?? '');
  if (!prompt.includes('farewell(name: string): string')) return { status: 500, error: 'fake-ollama: the tour asked about something other than the farewell design' };
  return { content: JSON.stringify(FAREWELL) };
}

before(async () => {
  assert.ok(existsSync(binPath), 'build first: node scripts/build.mjs (the tour installs the packed dist/)');
  root = tmp.tempDir();
  const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as Array<{ filename: string }>;
  const tarball = join(root, packed[0]!.filename);
  const pulled = steps.filter((s) => s.kind === 'ollama').flatMap((s) => s.models);
  fake = await startFakeOllama({ models: Object.fromEntries(pulled.map((m) => [m, { contextLength: 32768 }])), reply });
  const cache = npmCache();
  const home = join(root, 'home');
  mkdirSync(home);
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // The test runner's own context (node:test, npm, git) must not leak into the sample's commands.
    if (/^(GIT_|npm_|NODE_TEST|NODE_OPTIONS$|OLLAMA_|HUSKY$)/i.test(k)) continue;
    base[k] = v;
  }
  env = { ...base, HOME: home, GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1', OLLAMA_HOST: fake.url, npm_config_cache: cache, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  cwd = join(root, 'tour');
  mkdirSync(cwd);
  installTarball = tarball;
});

after(async () => {
  await fake?.close();
});

/**
 * Runs one block with bash in the tour's current folder; the folder it ends in is the next one's.
 * Asynchronous on purpose: the fake Ollama server answers from this same process.
 */
async function run(step: TourStep): Promise<{ status: number; output: string }> {
  const cwdFile = join(root, 'cwd');
  // The one rewrite of the README's text (see the top of this file): install the packed checkout.
  const script = step.script.split('\n').map((l) => (l === INSTALL ? `npm install -D ${installTarball} tsx` : l)).join('\n');
  const wrapped = `exec 2>&1\nset -e\ntrap 'pwd > "$TOUR_CWD_FILE"' EXIT\n${script}\n`;
  const child = spawn('bash', ['-c', wrapped], { cwd, env: { ...env, TOUR_CWD_FILE: cwdFile }, stdio: ['ignore', 'pipe', 'inherit'], timeout: 120_000 });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  const status = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  if (existsSync(cwdFile)) cwd = readFileSync(cwdFile, 'utf8').trim();
  return { status, output };
}

describe('the tour parser', () => {
  const md = [
    '# x', '', '## Five-minute tour', '', '```sh', "cat > a.md <<'EOF'", '## Purpose', 'EOF', '```', '', '```text', 'wrote …', '```',
    '', '```sh exit=1', 'git commit', '```', '', '```sh ollama', 'ollama pull m:1b', '```', '', '```json', '{}', '```', '', '## Next', '', '```sh', 'echo later', '```', '',
  ].join('\n');
  test('steps in order, a heading inside a block does not end the section, exit= and ollama read', () => {
    const parsed = parseTour(md);
    assert.deepEqual(parsed.map((s) => [s.kind, s.exit, s.line, s.expected, s.models]), [
      ['sh', 0, 5, ['wrote …'], []],
      ['sh', 1, 15, [], []],
      ['ollama', 0, 19, [], ['m:1b']],
    ]);
    assert.equal(parsed[0]!.script, "cat > a.md <<'EOF'\n## Purpose\nEOF");
  });
  test('an ollama block with another command, or a text block after prose, is a mistake of the README', () => {
    assert.throws(() => parseTour(md.replace('ollama pull m:1b', 'ollama pull m:1b\nrm -rf x')), /only ollama commands/);
    assert.throws(() => parseTour(md.replace("```text", 'prose\n\n```text')), /must follow/);
  });
  test('expected lines match whole lines, in order, with … for any text', () => {
    assert.equal(matchLines(['a … c', 'd'], 'x\na b c\nd  \n'), undefined);
    assert.equal(matchLines(['d', 'a … c'], 'a b c\nd\n'), 'a … c');
    assert.equal(matchLines(['b'], 'a b c\n'), 'b');
  });
});

describe('README beyond the tour', () => {
  test('"Develop designgate itself" gives the two commands .ci/run runs', () => {
    const section = /## Develop designgate itself\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    assert.deepEqual(block.split('\n').filter((l) => l.trim() !== '').map((l) => l.replace(/\s*#.*$/, '')), ['npm ci', 'npm test']);
    const ci = readFileSync(join(projectRoot, '.ci/run'), 'utf8');
    assert.match(ci, /^npm ci$/m);
    assert.match(ci, /^npm test$/m);
  });
  test('every link to a file of this repository points at one that exists', () => {
    const links = [...readme.matchAll(/\]\(((?:docs|test|scripts)\/[^)#\s]+)/g)].map((m) => m[1]!);
    assert.ok(links.length > 5);
    for (const link of links) assert.ok(existsSync(join(projectRoot, link)), link);
  });
});

describe('README five-minute tour', () => {
  test('the tour has its steps, installs designgate once and pulls the model the config names', () => {
    assert.ok(steps.length >= 10, `found ${steps.length} steps`);
    assert.equal(steps.filter((s) => s.kind === 'sh' && s.script.split('\n').includes(INSTALL)).length, 1, `exactly one block runs \`${INSTALL}\``);
    const pulled = steps.filter((s) => s.kind === 'ollama').flatMap((s) => s.models);
    assert.ok(pulled.length > 0, 'a ```sh ollama block pulls the model');
    assert.ok(steps.some((s) => s.script.includes(`"model": "${pulled[0]}"`) || s.script.includes(`model: "${pulled[0]}"`)), `the config names ${pulled[0]}`);
  });

  for (const step of steps) {
    test(`line ${step.line}: ${step.script.split('\n')[0]}`, async (t) => {
      if (broken) return t.skip('an earlier step failed');
      if (step.kind === 'ollama') return; // the fake server stands in (see the top of this file)
      const started = Date.now();
      const { status, output } = await run(step);
      t.diagnostic(`${Date.now() - started} ms`);
      try {
        assert.equal(status, step.exit, `exit status of README line ${step.line}; output:\n${output}`);
        const missing = matchLines(step.expected, output);
        assert.equal(missing, undefined, `README line ${step.line}: expected output line not found (in order): ${missing}\noutput:\n${output}`);
      } catch (error) {
        broken = true;
        throw error;
      }
    });
  }

  test('the model was asked once, and what it wrote is committed on the branch verify checked', (t) => {
    if (broken) return t.skip('an earlier step failed');
    assert.equal(fake.asks().length, 1);
    assert.equal(readFileSync(join(cwd, 'src/farewell.ts'), 'utf8'), FAREWELL.code);
    const git = (...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();
    assert.equal(git('status', '--porcelain'), '');
    assert.match(git('log', '-1', '--format=%s', '--', 'src/farewell.ts'), /^Say goodbye$/);
    assert.match(git('log', '--format=%B', 'main..HEAD'), /^Approved-by: Ada Lovelace <ada@example\.com>$/m);
  });
});
