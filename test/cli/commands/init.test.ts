import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '../../../core/config/load.js';
import { presetRules } from '../../../core/config/presets.js';
import { defaultComponentTypes } from '../../../core/config/component-types.js';
import { compileMapping } from '../../../core/mapping.js';
import { gitEnv, makeRepo, makeTempDir, projectRoot, runCli, type TempRepo, type Tree } from '../../helpers/repo.js';

const mixExs = 'defmodule MyApp.MixProject do\n  use Mix.Project\n\n  def project do\n    [\n      app: :my_app,\n      version: "0.1.0"\n    ]\n  end\nend\n';
const cleanup: Array<() => void> = [];
after(() => cleanup.forEach((f) => f()));
function repo(tree: Tree): TempRepo {
  const r = makeRepo(tree);
  cleanup.push(() => r.cleanup());
  return r;
}
const init = (cwd: string, ...args: string[]) => runCli(['init', ...args], { cwd });
const raw = (dir: string) => readFileSync(join(dir, '.designrc.json'), 'utf8');
const remarkrcWritten = 'wrote .remarkrc.json: remark-cli and editors now lint designs with the designgate preset\n';
const remarkrcKept = '.remarkrc.json exists; kept it (add "designgate/remark-preset" to its plugins to lint designs in your editor)\n';
const trailerRegistered = 'registered the Approved-by trailer with git (git config trailer.approvedby.key Approved-by)\n';
const hooksInstalled =
  'installed the git hooks: .husky/pre-commit, commit-msg, pre-push, pre-merge-commit (core.hooksPath .husky/_)\n' +
  'note: add `"prepare": "husky"` (with husky 9 as a dev dependency) so every clone gets the hooks; until then run `designgate init` in each clone\n';
const written = (preset: string, dirs: string) =>
  `wrote .designrc.json (preset ${preset}) and created ${dirs}\nnext: \`designgate new <code-path>\` writes a draft design; \`designgate status\` shows where things stand\n` +
  remarkrcWritten +
  trailerRegistered +
  hooksInstalled;

/** init succeeded: the file loads, has the preset's rules and maps `code` to `design`/`test`. */
function assertInitialised(dir: string, preset: string, code: string, design: string, test: string): void {
  const json = JSON.parse(raw(dir)) as Record<string, unknown>;
  assert.equal(json['$schema'], './node_modules/designgate/schema/designrc.schema.json');
  assert.equal(json['preset'], preset);
  assert.deepEqual(json['types'], defaultComponentTypes);
  assert.deepEqual(json['gates'], { approval: 'error', completeness: 'error', architecture: 'warn' });
  const config = loadConfig(join(dir, '.designrc.json'));
  const triple = compileMapping(config.components).fromCode(code);
  assert.deepEqual(triple && { design: triple.design, test: triple.test }, { design, test });
  assert.ok(statSync(join(dir, 'docs/design')).isDirectory(), 'the design folder exists');
}

describe('init detects the preset', () => {
  test('TypeScript: package.json and tsconfig.json', () => {
    const r = repo({ 'package.json': '{ "name": "app" }\n', 'tsconfig.json': '{}\n' });
    assert.deepEqual(init(r.dir), { status: 0, stdout: written('typescript', 'docs/design'), stderr: '' });
    assertInitialised(r.dir, 'typescript', 'src/util/strings.ts', 'docs/design/util/strings.md', 'test/util/strings.test.ts');
    assert.deepEqual((JSON.parse(raw(r.dir)) as { ignore: string[] }).ignore, ['**/*.d.ts']);
  });

  test('Phoenix: mix.exs with app: :my_app, even beside an assets package.json', () => {
    const r = repo({ 'mix.exs': mixExs, 'package.json': '{}\n' });
    assert.deepEqual(init(r.dir), { status: 0, stdout: written('elixir-phoenix', 'docs/design/my_app_web, docs/design'), stderr: '' });
    assertInitialised(r.dir, 'elixir-phoenix', 'lib/my_app/sessions/orchestrator.ex', 'docs/design/sessions/orchestrator.md', 'test/my_app/sessions/orchestrator_test.exs');
    assert.deepEqual((JSON.parse(raw(r.dir)) as { components: unknown }).components, presetRules('elixir-phoenix', { appName: 'my_app' }));
    assert.ok(statSync(join(r.dir, 'docs/design/my_app_web')).isDirectory());
  });

  test('Python: pyproject.toml', () => {
    const r = repo({ 'pyproject.toml': '[project]\nname = "app"\n' });
    assert.equal(init(r.dir).stdout, written('python', 'docs/design'));
    assertInitialised(r.dir, 'python', 'src/app/models.py', 'docs/design/app/models.md', 'tests/app/models_test.py');
  });

  test('Go: go.mod', () => {
    const r = repo({ 'go.mod': 'module example.com/app\n\ngo 1.22\n' });
    assert.equal(init(r.dir).stdout, written('go', 'docs/design'));
    assertInitialised(r.dir, 'go', 'internal/server/server.go', 'docs/design/internal/server/server.md', 'internal/server/server_test.go');
  });

  test('the written config passes check on the repository it was made for', () => {
    const r = repo({ 'package.json': '{}\n', 'src/a.ts': 'export {};\n', 'test/a.test.ts': 'x' });
    assert.equal(init(r.dir).status, 0);
    assert.equal(runCli(['new', 'src/a.ts'], { cwd: r.dir }).status, 0);
    assert.deepEqual(runCli(['check'], { cwd: r.dir }), { status: 0, stdout: '', stderr: 'check: every component has its design and its test\n' });
  });
});

describe('init options', () => {
  test('--preset overrides detection', () => {
    const r = repo({ 'package.json': '{}\n' });
    assert.equal(init(r.dir, '--preset', 'go').stdout, written('go', 'docs/design'));
    assertInitialised(r.dir, 'go', 'cmd/main.go', 'docs/design/cmd/main.md', 'cmd/main_test.go');
  });

  test('--app names the Elixir application', () => {
    const r = repo({ 'mix.exs': mixExs });
    assert.equal(init(r.dir, '--app', 'shop').status, 0);
    assertInitialised(r.dir, 'elixir-phoenix', 'lib/shop/cart.ex', 'docs/design/cart.md', 'test/shop/cart_test.exs');
  });

  test('an unknown preset exits 2 naming the known ones, whether or not a config exists', () => {
    const r = repo({ 'package.json': '{}\n' });
    const expected = {
      status: 2,
      stdout: '',
      stderr: "designgate: unknown preset 'rust' (known: typescript, elixir-phoenix, python, go)\n  fix: run `designgate init --help`\n",
    };
    assert.deepEqual(init(r.dir, '--preset', 'rust'), expected);
    assert.equal(init(r.dir).status, 0);
    assert.deepEqual(init(r.dir, '--preset', 'rust'), expected);
  });
});

describe('init is safe to run again', () => {
  test('a second run keeps the file byte-identical', () => {
    const r = repo({ 'package.json': '{}\n' });
    assert.equal(init(r.dir).status, 0);
    const first = readFileSync(join(r.dir, '.designrc.json'));
    const remarkrc = readFileSync(join(r.dir, '.remarkrc.json'), 'utf8');
    assert.deepEqual(JSON.parse(remarkrc), { plugins: ['designgate/remark-preset'] });
    assert.deepEqual(init(r.dir), { status: 0, stdout: `.designrc.json exists; kept it as it is\n${remarkrcKept}${hooksInstalled}`, stderr: '' });
    assert.deepEqual(init(r.dir, '--preset', 'python'), { status: 0, stdout: `.designrc.json exists; kept it as it is\n${remarkrcKept}${hooksInstalled}`, stderr: '' });
    assert.equal(readFileSync(join(r.dir, '.remarkrc.json'), 'utf8'), remarkrc);
    assert.equal(r.git('config', '--local', '--get', 'trailer.approvedby.key').trim(), 'Approved-by');
    assert.equal(r.git('config', '--local', '--get', 'core.hooksPath').trim(), '.husky/_');
    assert.match(readFileSync(join(r.dir, '.husky/pre-commit'), 'utf8'), /designgate\.js' hook pre-commit "\$@"\n$/);
    assert.deepEqual(readFileSync(join(r.dir, '.designrc.json')), first);
  });

  test('--skip-hooks leaves core.hooksPath and .husky alone', () => {
    const r = repo({ 'package.json': '{}\n' });
    const out = init(r.dir, '--skip-hooks');
    assert.equal(out.status, 0);
    assert.ok(!out.stdout.includes('installed the git hooks'));
    assert.equal(existsSync(join(r.dir, '.husky')), false);
    assert.throws(() => r.git('config', '--local', '--get', 'core.hooksPath'));
  });

  test('a team\'s own remark config of another form is kept, and no second one is written', () => {
    const r = repo({ 'package.json': '{}\n', '.remarkrc.yml': 'plugins:\n  - remark-preset-lint-recommended\n' });
    const out = init(r.dir);
    assert.equal(out.status, 0);
    assert.ok(out.stdout.includes('.remarkrc.yml exists; kept it (add "designgate/remark-preset" to its plugins to lint designs in your editor)\n'));
    assert.equal(existsSync(join(r.dir, '.remarkrc.json')), false);
    assert.equal(readFileSync(join(r.dir, '.remarkrc.yml'), 'utf8'), 'plugins:\n  - remark-preset-lint-recommended\n');
  });

  test('a hand-written config is kept too, even a broken one', () => {
    const r = repo({ 'package.json': '{}\n', '.designrc.json': '{ "preset": "go", }\r\n' });
    assert.equal(init(r.dir).status, 0);
    assert.equal(raw(r.dir), '{ "preset": "go", }\r\n');
  });
});

describe('init in a monorepo package', () => {
  test('writes the package\'s own config and design folder', () => {
    const r = repo({ 'packages/a/package.json': '{}\n', 'packages/b/go.mod': 'module b\n' });
    const a = join(r.dir, 'packages/a');
    assert.equal(init(a).stdout, written('typescript', 'docs/design'));
    assertInitialised(a, 'typescript', 'src/x.ts', 'docs/design/x.md', 'test/x.test.ts');
    assert.equal(init(join(r.dir, 'packages/b')).stdout, written('go', 'docs/design').replace(trailerRegistered, ''), 'the trailer key is already registered');
    assert.deepEqual(init(a).stdout, `packages/a/.designrc.json exists; kept it as it is\n${remarkrcKept}${hooksInstalled}`);
    assert.throws(() => statSync(join(r.dir, '.designrc.json')));
  });
});

describe('init failures', () => {
  test('nothing detectable: exit 2 with the --preset fix, nothing written', () => {
    const r = repo({ 'README.md': '# x\n' });
    assert.deepEqual(init(r.dir), {
      status: 2,
      stdout: '',
      stderr:
        'designgate: could not tell which preset fits this repository (no mix.exs, go.mod, pyproject.toml, setup.py, package.json or tsconfig.json)\n' +
        '  fix: run `designgate init --preset <name>` with one of: typescript, elixir-phoenix, python, go\n',
    });
    assert.throws(() => statSync(join(r.dir, '.designrc.json')));
  });

  test('outside a repository: exit 2', () => {
    const dir = makeTempDir();
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const r = init(dir, '--preset', 'go');
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `designgate: ${dir} is not inside a git repository\n  fix: run \`git init\` first, or run designgate inside your repository\n`);
  });
});

describe('$schema of an installed designgate', () => {
  test('points into node_modules/designgate, relative to the config', () => {
    const r = repo({ 'package.json': '{}\n', 'packages/a/package.json': '{}\n' });
    // Install the built package as npm would: node_modules/designgate with dist/, schema/ and package.json.
    const pkg = join(r.dir, 'node_modules/designgate');
    mkdirSync(pkg, { recursive: true });
    for (const part of ['dist', 'schema', 'package.json']) cpSync(join(projectRoot, part), join(pkg, part), { recursive: true });
    symlinkSync(join(projectRoot, 'node_modules'), join(pkg, 'node_modules'));
    const bin = join(pkg, 'dist/bin/designgate.js');
    const run = (cwd: string) => spawnSync(process.execPath, [bin, 'init'], { cwd, env: gitEnv(), encoding: 'utf8' });
    assert.equal(run(r.dir).status, 0);
    assert.equal((JSON.parse(raw(r.dir)) as { $schema: string }).$schema, './node_modules/designgate/schema/designrc.schema.json');
    assert.equal(run(join(r.dir, 'packages/a')).status, 0);
    assert.equal((JSON.parse(raw(join(r.dir, 'packages/a'))) as { $schema: string }).$schema, '../../node_modules/designgate/schema/designrc.schema.json');
  });
});
