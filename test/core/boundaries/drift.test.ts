import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkBoundaries } from '../../../core/boundaries/drift.js';
import { checkGate1 } from '../../../core/architecture/gate1.js';
import { loadWorkspace } from '../../../core/workspace.js';
import { workTreeReader } from '../../../cli/read-file.js';
import { gitEnv, makeRepo, type TempRepo, type Tree } from '../../helpers/repo.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

const config = (architecture: 'off' | 'warn' | 'error' = 'error') =>
  JSON.stringify({
    components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }],
    ignore: ['**/types.ts'],
    gates: { approval: 'off', completeness: 'off', architecture },
  });
const design = (deps: string[] = []) => `---\nstatus: draft\ndepends_on: [${deps.join(', ')}]\n---\n\n## Purpose\n\nWhy.\n`;
const architecture = '---\ncontexts:\n  core:\n    owns: [src/core/]\n  web:\n    owns: [src/web/]\n    depends_on: [core]\n  admin:\n    owns: [src/admin/]\n    depends_on: [core]\n---\n';

const base: Tree = {
  '.designrc.json': config(),
  'docs/architecture.md': architecture,
  'src/core/a.ts': 'import type { T } from "./types.js";\nexport const a: T = 1;\n',
  'src/core/types.ts': 'export type T = number;\n',
  'docs/design/core/a.md': design(),
  'src/core/b.ts': 'export const b = 2;\n',
  'docs/design/core/b.md': design(),
  'src/web/page.ts': 'import { a } from "../core/a.js";\nimport { readFile } from "node:fs/promises";\nexport const p = a;\n',
  'docs/design/web/page.md': design(['core/a']),
  'src/admin/panel.ts': 'export const panel = 1;\n',
  'docs/design/admin/panel.md': design(['core/a']),
};

async function drift(tree: Tree, options: { paths?: readonly string[] } = {}) {
  const r = makeRepo({ ...base, ...tree });
  repos.push(r);
  const ws = await loadWorkspace({ cwd: r.dir, env: gitEnv() });
  const group = ws.groups[0]!;
  const read = workTreeReader(ws.repoRoot);
  const { architecture } = await checkGate1(group, read);
  return checkBoundaries(group, read, { ...(architecture === undefined ? {} : { architecture }), ...options });
}
const lines = (problems: ReadonlyArray<{ file: string; line?: number; column?: number; ruleId: string; severity: string }>) =>
  problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.ruleId} ${p.severity}`);

/** Boundary drift of a generated repository whose Gate 1 holds. */
async function driftOf(tree: Tree) {
  const r = makeRepo(tree);
  repos.push(r);
  const ws = await loadWorkspace({ cwd: r.dir, env: gitEnv() });
  const group = ws.groups[0]!;
  const read = workTreeReader(ws.repoRoot);
  const { architecture: arch, problems } = await checkGate1(group, read);
  assert.deepEqual(problems, []);
  return checkBoundaries(group, read, arch === undefined ? {} : { architecture: arch });
}

describe('checkBoundaries on generated repositories', () => {
  test('declared imports, packages and ignored type modules pass', async () => {
    assert.deepEqual(await drift({}), []);
  });

  test('an undeclared cross-context TS import is reported at the specifier, naming both contexts', async () => {
    const problems = await drift({ 'src/web/page.ts': 'import { a } from "../core/a.js";\nexport { panel } from "../admin/panel.js";\n' });
    assert.deepEqual(lines(problems), ['src/web/page.ts:2:23 forbidden-import error']);
    assert.equal(problems[0]!.message, 'imports "../admin/panel.js" from context "admin", which context "web" may not depend on');
  });

  test('an import into an allowed context that depends_on does not list is undeclared', async () => {
    const problems = await drift({ 'src/web/page.ts': 'const b = require("../core/b");\n' });
    assert.deepEqual(lines(problems), ['src/web/page.ts:1:19 undeclared-import error']);
    assert.equal(problems[0]!.message, 'imports "../core/b" (component core/b), which docs/design/web/page.md does not list in depends_on');
    assert.equal(problems[0]!.fix, 'add "core/b" to depends_on in docs/design/web/page.md (and have it approved), or remove the import');
  });

  test('within a context, components still declare each other; without an architecture only depends_on counts', async () => {
    const tree = { 'src/core/a.ts': 'export const x = import("./b.js");\n' };
    assert.deepEqual(lines(await drift(tree)), ['src/core/a.ts:1:25 undeclared-import error']);
    assert.deepEqual(lines(await drift({ ...tree, 'docs/architecture.md': null, '.designrc.json': config('warn') })), ['src/core/a.ts:1:25 undeclared-import warning']);
  });

  test('paths limit the files read (staged files), and gates.architecture off checks nothing', async () => {
    const tree = { 'src/web/page.ts': 'export { panel } from "../admin/panel.js";\n' };
    assert.deepEqual(await drift(tree, { paths: ['src/core/a.ts'] }), []);
    assert.equal((await drift(tree, { paths: ['src/web/page.ts'] })).length, 1);
    assert.deepEqual(await drift({ ...tree, '.designrc.json': config('off') }), []);
  });
});

describe('checkBoundaries on a generated Phoenix-style repository', () => {
  const exConfig = JSON.stringify({
    components: [
      { code: 'lib/my_app_web/{path}.ex', design: 'docs/design/my_app_web/{path}.md', test: 'test/my_app_web/{path}_test.exs' },
      { code: 'lib/my_app/{path}.ex', design: 'docs/design/{path}.md', test: 'test/my_app/{path}_test.exs' },
    ],
    gates: { approval: 'off', completeness: 'off', architecture: 'error' },
  });
  const exArchitecture =
    '---\ncontexts:\n  accounts:\n    owns: [lib/my_app/accounts/]\n  sessions:\n    owns: [lib/my_app/sessions/]\n    depends_on: [accounts]\n  billing:\n    owns: [lib/my_app/billing/]\n  web:\n    owns: [lib/my_app_web/]\n    depends_on: [sessions, accounts]\n---\n';
  const orchestrator = (body: string) => `defmodule MyApp.Sessions.Orchestrator do\n  alias MyApp.Accounts.User\n${body}\n  def start(id), do: User.fetch(id)\nend\n`;
  const phoenix: Tree = {
    '.designrc.json': exConfig,
    'docs/architecture.md': exArchitecture,
    'lib/my_app/accounts/user.ex': 'defmodule MyApp.Accounts.User do\n  defstruct [:id]\n  def fetch(id), do: %__MODULE__{id: id}\nend\n',
    'docs/design/accounts/user.md': design(),
    'lib/my_app/sessions/orchestrator.ex': orchestrator(''),
    'docs/design/sessions/orchestrator.md': design(['accounts/user']),
    'lib/my_app/sessions/repo.ex': 'defmodule MyApp.Sessions.Repo do\n  def get(id), do: id\nend\n',
    'docs/design/sessions/repo.md': design(),
    'lib/my_app/billing/invoice.ex': 'defmodule MyApp.Billing.Invoice do\n  def create, do: :ok\nend\n',
    'docs/design/billing/invoice.md': design(),
    'lib/my_app_web/controllers/session_controller.ex':
      'defmodule MyAppWeb.SessionController do\n  use MyAppWeb, :controller\n  alias MyApp.Sessions.Orchestrator\n  def create(conn, %{"id" => id}), do: json(conn, Orchestrator.start(id))\nend\n',
    'docs/design/my_app_web/controllers/session_controller.md': design(['sessions/orchestrator']),
  };
  const exDrift = (tree: Tree) => driftOf({ ...phoenix, ...tree });

  test('a declared cross-context alias passes; a module name in a string or comment is not an import', async () => {
    const body = '  # MyApp.Billing.Invoice.create() would cross into billing\n  @doc "Never calls MyApp.Billing.Invoice"\n  def note, do: ~s(MyApp.Sessions.Repo.get/1 is not called here)';
    assert.deepEqual(await exDrift({ 'lib/my_app/sessions/orchestrator.ex': orchestrator(body) }), []);
  });

  test('an undeclared cross-context Elixir alias is reported at the module name', async () => {
    const problems = await exDrift({ 'lib/my_app/sessions/orchestrator.ex': orchestrator('  alias MyApp.Billing.Invoice\n  def bill, do: Invoice.create()') });
    assert.deepEqual(lines(problems), ['lib/my_app/sessions/orchestrator.ex:3:9 forbidden-import error']);
    assert.equal(problems[0]!.message, 'imports "MyApp.Billing.Invoice" from context "billing", which context "sessions" may not depend on');
  });

  test('a qualified call into an allowed component that depends_on does not list is undeclared, once per component', async () => {
    const problems = await exDrift({ 'lib/my_app/sessions/orchestrator.ex': orchestrator('  def a, do: MyApp.Sessions.Repo.get(1)\n  def b, do: MyApp.Sessions.Repo.get(2)') });
    assert.deepEqual(lines(problems), ['lib/my_app/sessions/orchestrator.ex:3:14 undeclared-import error']);
    assert.equal(problems[0]!.message, 'imports "MyApp.Sessions.Repo" (component sessions/repo), which docs/design/sessions/orchestrator.md does not list in depends_on');
  });
});

const presetConfig = (preset: string) => JSON.stringify({ preset, gates: { approval: 'off', completeness: 'off', architecture: 'error' } });

describe('checkBoundaries on a generated Python preset repository', () => {
  const pyArchitecture =
    '---\ncontexts:\n  core:\n    owns: [src/shop/core/]\n  billing:\n    owns: [src/shop/billing/]\n    depends_on: [core]\n  web:\n    owns: [src/shop/web/]\n    depends_on: [core, billing]\n---\n';
  const page = (body: string) => `"""The page: import shop.core.money is not an import here."""\nimport os\nfrom ..billing import invoice  # from shop.core import money\n${body}\n`;
  const python: Tree = {
    '.designrc.json': presetConfig('python'),
    'docs/architecture.md': pyArchitecture,
    'src/shop/__init__.py': '',
    'src/shop/core/__init__.py': 'from .money import Money\n',
    'src/shop/core/money.py': 'class Money:\n    pass\n',
    'docs/design/shop/core/money.md': design(),
    'src/shop/billing/__init__.py': '',
    'src/shop/billing/invoice.py': 'from shop.core.money import Money\nimport shop.core\n',
    'docs/design/shop/billing/invoice.md': design(['shop/core/money']),
    'src/shop/web/__init__.py': '',
    'src/shop/web/page.py': page(''),
    'docs/design/shop/web/page.md': design(['shop/billing/invoice']),
  };

  test('declared imports pass; packages, the standard library and imports in strings or comments are not components', async () => {
    assert.deepEqual(await driftOf(python), []);
  });

  test('an undeclared import into an allowed context is reported at the submodule name', async () => {
    const problems = await driftOf({ ...python, 'src/shop/web/page.py': page('def price():\n    from shop.core import money\n    from ..core.money import Money') });
    assert.deepEqual(lines(problems), ['src/shop/web/page.py:5:27 undeclared-import error']);
    assert.equal(problems[0]!.message, 'imports "shop.core.money" (component shop/core/money), which docs/design/shop/web/page.md does not list in depends_on');
  });

  test('an import the architecture forbids is reported, also when nested under if TYPE_CHECKING:', async () => {
    const money = 'from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from shop.web.page import render\nclass Money:\n    pass\n';
    const problems = await driftOf({ ...python, 'src/shop/core/money.py': money });
    assert.deepEqual(lines(problems), ['src/shop/core/money.py:3:10 forbidden-import error']);
    assert.equal(problems[0]!.message, 'imports "shop.web.page" from context "web", which context "core" may not depend on');
  });
});

describe('checkBoundaries on a generated Go preset repository', () => {
  const goArchitecture =
    '---\ncontexts:\n  core:\n    owns: [internal/core/]\n  billing:\n    owns: [internal/billing/]\n    depends_on: [core]\n  web:\n    owns: [cmd/web/]\n    depends_on: [core, billing]\n---\n';
  const main = (imports: string) => `// Command web: import "example.com/shop/internal/core" is not read here.\npackage main\n\nimport (\n\t"fmt"\n${imports}\n)\n\nfunc main() { fmt.Println("import \\"example.com/shop/internal/core\\"") }\n`;
  const golang: Tree = {
    '.designrc.json': presetConfig('go'),
    'docs/architecture.md': goArchitecture,
    'go.mod': 'module example.com/shop\n\ngo 1.22\n',
    'internal/core/money.go': 'package core\n\ntype Money int\n',
    'docs/design/internal/core/money.md': design(),
    'internal/billing/invoice.go': 'package billing\n\nimport "example.com/shop/internal/core"\n\nvar Total core.Money\n',
    'docs/design/internal/billing/invoice.md': design(['internal/core/money']),
    'internal/billing/tax.go': 'package billing\n\nconst Rate = 20\n',
    'docs/design/internal/billing/tax.md': design(),
    'cmd/web/main.go': main('\tb "example.com/shop/internal/billing"'),
    'docs/design/cmd/web/main.md': design(['internal/billing/tax']),
  };

  test('an import is declared by any one component of the package; other modules and strings are not components', async () => {
    assert.deepEqual(await driftOf(golang), []);
  });

  test('an undeclared package is reported once at its path, naming each of its components', async () => {
    const problems = await driftOf({ ...golang, 'docs/design/cmd/web/main.md': design(['internal/core/money']) });
    assert.deepEqual(lines(problems), ['cmd/web/main.go:6:4 undeclared-import error']);
    assert.equal(
      problems[0]!.message,
      'imports package "example.com/shop/internal/billing" (components internal/billing/invoice, internal/billing/tax), which docs/design/cmd/web/main.md lists none of in depends_on',
    );
    assert.equal(problems[0]!.fix, 'add one of "internal/billing/invoice", "internal/billing/tax" to depends_on in docs/design/cmd/web/main.md (and have it approved), or remove the import');
    const single = await driftOf({ ...golang, 'cmd/web/main.go': main('\t_ "example.com/shop/internal/billing"\n\t"example.com/shop/internal/core"') });
    assert.deepEqual(lines(single), ['cmd/web/main.go:7:2 undeclared-import error']);
    assert.equal(single[0]!.message, 'imports "example.com/shop/internal/core" (component internal/core/money), which docs/design/cmd/web/main.md does not list in depends_on');
  });

  test('an import the architecture forbids is reported at the path', async () => {
    const problems = await driftOf({ ...golang, 'internal/core/money.go': 'package core\n\nimport web "example.com/shop/internal/billing"\n\ntype Money int\n' });
    assert.deepEqual(lines(problems), ['internal/core/money.go:3:12 forbidden-import error']);
    assert.equal(problems[0]!.message, 'imports "example.com/shop/internal/billing" from context "billing", which context "core" may not depend on');
  });
});
