import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { renderDraft } from '../../../core/templates.js';
import { defaultComponentTypes } from '../../../core/config/component-types.js';
import { makeRepo, makeTempDir, runCli, type TempRepo, type Tree } from '../../helpers/repo.js';

const mixExs = 'defmodule MyApp.MixProject do\n  use Mix.Project\n\n  def project do\n    [app: :my_app, version: "0.1.0"]\n  end\nend\n';
const cleanup: Array<() => void> = [];
after(() => cleanup.forEach((f) => f()));
function repo(tree: Tree): TempRepo {
  const r = makeRepo(tree);
  cleanup.push(() => r.cleanup());
  return r;
}
const read = (r: TempRepo, path: string) => readFileSync(join(r.dir, path), 'utf8');
const draft = (type: string, codePath: string) => renderDraft({ type, template: defaultComponentTypes[type]!, codePath });

/** A user error: exit 2, nothing on stdout, exactly these stderr lines. */
function usageError(r: ReturnType<typeof runCli>, ...lines: string[]): void {
  assert.deepEqual({ status: r.status, stdout: r.stdout, stderr: r.stderr }, { status: 2, stdout: '', stderr: `${lines.join('\n')}\n` });
}

describe('new in a Phoenix repository', () => {
  const phx = repo({
    'mix.exs': mixExs,
    '.designrc.json': JSON.stringify({ preset: 'elixir-phoenix', ignore: ['lib/my_app/repo.ex'] }),
    'lib/my_app/accounts/user.ex': 'defmodule MyApp.Accounts.User do\nend\n',
    'lib/my_app/repo.ex': 'x',
    'docs/design/existing.md': '---\ntype: module\nstatus: draft\n---\nmine\r\n',
  });
  const newIn = (cwd: string, ...args: string[]) => runCli(['new', ...args], { cwd });

  test('writes the mapped draft with the type\'s sections and names the test to write next', () => {
    const r = newIn(phx.dir, 'lib/my_app/accounts/user.ex');
    assert.deepEqual(r, {
      status: 0,
      stdout: 'wrote docs/design/accounts/user.md (type module, draft)\nnext: fill in its sections, get it approved, then write the code and its test test/my_app/accounts/user_test.exs\n',
      stderr: '',
    });
    assert.equal(read(phx, 'docs/design/accounts/user.md'), draft('module', 'lib/my_app/accounts/user.ex'));
    assert.match(read(phx, 'docs/design/accounts/user.md'), /^---\ntype: module\nstatus: draft\n/);
  });

  test('the code file need not exist; the web rule maps to its own design folder', () => {
    const r = newIn(phx.dir, 'lib/my_app_web/live/page_live.ex', '--type', 'ui');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(read(phx, 'docs/design/my_app_web/live/page_live.md'), draft('ui', 'lib/my_app_web/live/page_live.ex'));
    assert.match(read(phx, 'docs/design/my_app_web/live/page_live.md'), /## User Interface\n/);
  });

  test('-t picks the type; paths are relative to the current directory', () => {
    const r = newIn(join(phx.dir, 'lib/my_app'), 'sessions/orchestrator.ex', '-t', 'service');
    assert.equal(r.stdout.split('\n')[0], 'wrote docs/design/sessions/orchestrator.md (type service, draft)');
    assert.equal(read(phx, 'docs/design/sessions/orchestrator.md'), draft('service', 'lib/my_app/sessions/orchestrator.ex'));
  });

  test('an existing design is never overwritten', () => {
    const before = readFileSync(join(phx.dir, 'docs/design/existing.md'));
    usageError(
      newIn(phx.dir, 'lib/my_app/existing.ex'),
      'designgate: docs/design/existing.md already exists; designgate never overwrites a design',
      '  fix: edit docs/design/existing.md instead, or delete it first if you really want a fresh draft',
    );
    assert.deepEqual(readFileSync(join(phx.dir, 'docs/design/existing.md')), before);
  });

  test('a second new for the same path refuses and keeps the first draft', () => {
    assert.equal(newIn(phx.dir, 'lib/my_app/twice.ex').status, 0);
    const first = read(phx, 'docs/design/twice.md');
    assert.equal(newIn(phx.dir, 'lib/my_app/twice.ex', '--type', 'service').status, 2);
    assert.equal(read(phx, 'docs/design/twice.md'), first);
  });

  test('a design path names its code path in the fix', () => {
    usageError(
      newIn(phx.dir, 'docs/design/accounts/user.md'),
      'designgate: docs/design/accounts/user.md is a design file, not a code file (its code file is lib/my_app/accounts/user.ex)',
      '  fix: run `designgate new lib/my_app/accounts/user.ex`',
    );
  });

  test('a test path names its code path in the fix', () => {
    usageError(
      newIn(phx.dir, 'test/my_app/accounts/user_test.exs'),
      'designgate: test/my_app/accounts/user_test.exs is a test file, not a code file (its code file is lib/my_app/accounts/user.ex)',
      '  fix: run `designgate new lib/my_app/accounts/user.ex`',
    );
  });

  test('an unmapped path', () => {
    usageError(
      newIn(phx.dir, 'mix.exs'),
      'designgate: no rule in .designrc.json maps mix.exs to a design',
      '  fix: add a "components" rule for it in .designrc.json (see docs/config.md), or add it to "ignore"',
    );
    assert.ok(!existsSync(join(phx.dir, 'docs/design/mix.md')));
  });

  test('an ignored path', () => {
    usageError(
      newIn(phx.dir, 'lib/my_app/repo.ex'),
      'designgate: lib/my_app/repo.ex is ignored by .designrc.json, so it needs no design',
      '  fix: remove it from "ignore" in .designrc.json if it should have a design',
    );
    assert.ok(!existsSync(join(phx.dir, 'docs/design/repo.md')));
  });

  test('an unknown type lists the known ones', () => {
    usageError(
      newIn(phx.dir, 'lib/my_app/x.ex', '--type', 'widget'),
      "designgate: unknown component type 'widget' (known: module, context, schema, service, ui, cli)",
      '  fix: pass one of the known types with --type, or add the type under "types" in .designrc.json',
    );
    assert.ok(!existsSync(join(phx.dir, 'docs/design/x.md')));
  });

  test('zero or two paths', () => {
    const lines = ['designgate: new: give exactly one code path', '  fix: run `designgate new --help`'];
    usageError(newIn(phx.dir), ...lines);
    usageError(newIn(phx.dir, 'lib/my_app/a.ex', 'lib/my_app/b.ex'), ...lines);
  });

  test('a path outside the repository', () => {
    usageError(newIn(phx.dir, '../a.ex'), 'designgate: ../a.ex is outside the repository', '  fix: give a path inside the repository');
  });
});

describe('new and the configured types', () => {
  const ts = repo({
    '.designrc.json': JSON.stringify({
      components: [
        { code: 'src/db/{path}.ts', design: 'docs/design/db/{path}.md', test: 'test/db/{path}.test.ts', type: 'schema' },
        { code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' },
      ],
      defaultType: 'service',
      types: { handler: { sections: ['Purpose', 'Routes'], guidance: { Routes: 'Each route and its handler.' } } },
    }),
  });

  test('the rule\'s type comes first', () => {
    assert.equal(runCli(['new', 'src/db/users.ts'], { cwd: ts.dir }).status, 0);
    assert.equal(read(ts, 'docs/design/db/users.md'), draft('schema', 'src/db/users.ts'));
  });

  test('else the config\'s defaultType', () => {
    assert.equal(runCli(['new', 'src/billing.ts'], { cwd: ts.dir }).status, 0);
    assert.equal(read(ts, 'docs/design/billing.md'), draft('service', 'src/billing.ts'));
  });

  test('a configured type gets its sections, with built-in guidance where it gives none', () => {
    assert.equal(runCli(['new', 'src/api.ts', '--type', 'handler'], { cwd: ts.dir }).status, 0);
    assert.equal(
      read(ts, 'docs/design/api.md'),
      `---\ntype: handler\nstatus: draft\nstories: []\ndepends_on: []\n---\n\n# src/api.ts\n\n## Purpose\n\n${defaultComponentTypes['module']!.guidance['Purpose']}\n\n## Routes\n\nEach route and its handler.\n`,
    );
  });
});

describe('new in a monorepo package', () => {
  const mono = repo({
    'packages/a/.designrc.json': JSON.stringify({ components: [{ code: 'src/{path}.ts', design: 'design/{path}.md', test: 'src/{path}.test.ts' }] }),
    'README.md': '# mono\n',
  });

  test('the design lands under the package, printed from the root', () => {
    const r = runCli(['new', 'packages/a/src/x.ts'], { cwd: mono.dir });
    assert.equal(r.stdout.split('\n')[0], 'wrote packages/a/design/x.md (type module, draft)');
    assert.match(r.stdout, /its test packages\/a\/src\/x\.test\.ts\n$/);
    assert.equal(read(mono, 'packages/a/design/x.md'), draft('module', 'packages/a/src/x.ts'));
  });

  test('a test path in the package names the package\'s code path', () => {
    usageError(
      runCli(['new', 'src/x.test.ts'], { cwd: join(mono.dir, 'packages/a') }),
      'designgate: packages/a/src/x.test.ts is a test file, not a code file (its code file is packages/a/src/x.ts)',
      '  fix: run `designgate new packages/a/src/x.ts`',
    );
  });

  test('a path no config governs: the fix names designgate init', () => {
    usageError(runCli(['new', 'tools/x.ts'], { cwd: mono.dir }), 'designgate: no .designrc.json governs tools/x.ts', '  fix: run `designgate init` at the root of your repository');
  });
});

describe('new outside a repository', () => {
  test('exit 2 with the git fix', () => {
    const dir = makeTempDir();
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    usageError(runCli(['new', 'a.ts'], { cwd: dir }), `designgate: ${dir} is not inside a git repository`, '  fix: run `git init` first, or run designgate inside your repository');
  });
});
