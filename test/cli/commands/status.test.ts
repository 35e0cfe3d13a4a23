import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { designDigest } from '../../../core/digest.js';
import { makeRepo, runCli, type TempRepo } from '../../helpers/repo.js';

/** A design document of `type` in the shape `designgate new` writes. */
const design = (type: string, purpose: string) =>
  `---\ntype: ${type}\nstatus: draft\nstories: []\ndepends_on: []\n---\n\n## Purpose\n\n${purpose}\n\n## Public API\n\n## Dependencies\n\n## Test Scenarios\n`;

/** The document with an approval block recording its current digest at `path`. */
function approve(path: string, text: string): string {
  const digest = designDigest(path, text);
  return text.replace('status: draft\n', `status: approved\napproval:\n  digest: ${digest}\n  by: [Jane Doe <jane@example.com>]\n  at: 2026-11-20T10:00:00Z\n`);
}

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
function repo(tree: Parameters<typeof makeRepo>[0]): TempRepo {
  const r = makeRepo(tree);
  repos.push(r);
  return r;
}
/** Runs status; it exits 0 and writes nothing on stderr whenever it could run. */
/** What status says in a repository whose hooks are not installed (these test repos never run init). */
const noHooks = [
  '',
  '.husky/_: warning core.hooksPath is unset, not `.husky/_`, so the designgate hooks do not run [hooks-path]',
  '  fix: run `designgate init` (or `npm install`, whose prepare script runs husky)',
  '',
].join('\n');

function status(dir: string, ...args: string[]) {
  const r = runCli(['status', ...args], { cwd: dir });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  return r.stdout;
}

// These repositories switch the approval gate off: they are about the mapping and the
// digest-derived states. With the gate on (the default), a hand-written approval block is judged
// by its evidence (signed Approved-by commit, approver, key): see 'the approval gate' below.
describe('status in a Phoenix-style repository', () => {
  const phoenix = repo({
    'mix.exs': 'defmodule MyApp.MixProject do\n  use Mix.Project\n\n  def project do\n    [app: :my_app, version: "0.1.0"]\n  end\nend\n',
    '.designrc.json': JSON.stringify({ preset: 'elixir-phoenix', ignore: ['lib/my_app/repo.ex'], gates: { approval: 'off' } }, null, 2),
    '.gitignore': 'lib/my_app/generated.ex\n',
    'lib/my_app/sessions/orchestrator.ex': 'defmodule MyApp.Sessions.Orchestrator do\nend\n',
    'lib/my_app/sessions/repository.ex': 'defmodule MyApp.Sessions.Repository do\nend\n',
    'lib/my_app/accounts/user.ex': 'defmodule MyApp.Accounts.User do\nend\n',
    'lib/my_app/billing.ex': 'defmodule MyApp.Billing do\nend\n',
    'lib/my_app/broken.ex': 'defmodule MyApp.Broken do\nend\n',
    'lib/my_app/repo.ex': 'defmodule MyApp.Repo do\nend\n',
    'lib/my_app_web/live/page_live.ex': 'defmodule MyAppWeb.PageLive do\nend\n',
    'lib/my_app/generated.ex': 'generated\n',
    'docs/design/sessions/orchestrator.md': approve('docs/design/sessions/orchestrator.md', design('module', 'Runs sessions.')),
    'docs/design/sessions/repository.md': design('module', 'Stores sessions.'),
    // approved, then edited: stale
    'docs/design/billing.md': approve('docs/design/billing.md', design('module', 'Bills.')).replace('Bills.', 'Bills monthly.'),
    'docs/design/broken.md': '---\ntype: module\ntype: service\n---\n',
    'docs/design/old/thing.md': design('module', 'Written before its code.'),
    'docs/design/my_app_web/live/page_live.md': design('ui', 'The landing page.'),
    'test/my_app/sessions/orchestrator_test.exs': 'x',
    'test/my_app/accounts/user_test.exs': 'x',
    'test/my_app/billing_test.exs': 'x',
    'test/my_app/broken_test.exs': 'x',
    'test/my_app_web/live/page_live_test.exs': 'x',
    'test/test_helper.exs': 'ExUnit.start()\n',
  });

  test('the table maps every file, shows each design state, and leaves ignored files out', () => {
    assert.equal(
      status(phoenix.dir),
      [
        'CODE                                 DESIGN    DESIGN FILE                               TEST',
        'lib/my_app/accounts/user.ex          missing   docs/design/accounts/user.md              test/my_app/accounts/user_test.exs',
        'lib/my_app/billing.ex                stale     docs/design/billing.md                    test/my_app/billing_test.exs',
        'lib/my_app/broken.ex                 invalid   docs/design/broken.md                     test/my_app/broken_test.exs',
        '(lib/my_app/old/thing.ex)            draft     docs/design/old/thing.md                  (no test)',
        'lib/my_app/sessions/orchestrator.ex  approved  docs/design/sessions/orchestrator.md      test/my_app/sessions/orchestrator_test.exs',
        'lib/my_app/sessions/repository.ex    draft     docs/design/sessions/repository.md        (no test)',
        'lib/my_app_web/live/page_live.ex     draft     docs/design/my_app_web/live/page_live.md  test/my_app_web/live/page_live_test.exs',
        '',
        "docs/design/broken.md:3:1: error duplicate key 'type' [design-unreadable]",
        '  fix: fix the frontmatter of docs/design/broken.md (see `designgate lint docs/design/broken.md`)',
        'lib/my_app/accounts/user.ex: error lib/my_app/accounts/user.ex has no design: expected docs/design/accounts/user.md [missing-design]',
        '  fix: designgate new lib/my_app/accounts/user.ex',
        'lib/my_app/sessions/repository.ex: error lib/my_app/sessions/repository.ex has no test: expected test/my_app/sessions/repository_test.exs [missing-test]',
        '  fix: create test/my_app/sessions/repository_test.exs',
        '',
      ].join('\n') + noHooks,
    );
  });

  test('--json gives every component with its state and type, and the problems', () => {
    const out = JSON.parse(status(phoenix.dir, '--json')) as { components: Array<Record<string, unknown>>; problems: Array<Record<string, unknown>> };
    const c = (code: string) => out.components.find((x) => x['code'] === code);
    assert.deepEqual(out.components.map((x) => `${x['code']} ${x['designState']}`), [
      'lib/my_app/accounts/user.ex missing',
      'lib/my_app/billing.ex stale',
      'lib/my_app/broken.ex invalid',
      'lib/my_app/old/thing.ex draft',
      'lib/my_app/sessions/orchestrator.ex approved',
      'lib/my_app/sessions/repository.ex draft',
      'lib/my_app_web/live/page_live.ex draft',
    ]);
    assert.deepEqual(c('lib/my_app_web/live/page_live.ex'), {
      code: 'lib/my_app_web/live/page_live.ex',
      codeExists: true,
      design: 'docs/design/my_app_web/live/page_live.md',
      designState: 'draft',
      type: 'ui',
      test: 'test/my_app_web/live/page_live_test.exs',
      testExists: true,
    });
    assert.deepEqual(c('lib/my_app/accounts/user.ex'), {
      code: 'lib/my_app/accounts/user.ex',
      codeExists: true,
      design: 'docs/design/accounts/user.md',
      designState: 'missing',
      test: 'test/my_app/accounts/user_test.exs',
      testExists: true,
    });
    assert.equal(c('lib/my_app/old/thing.ex')?.['codeExists'], false);
    assert.equal(c('lib/my_app/old/thing.ex')?.['testExists'], false);
    assert.deepEqual(out.problems.map((p) => `${p['file']} ${p['ruleId']}`), [
      'docs/design/broken.md design-unreadable',
      'lib/my_app/accounts/user.ex missing-design',
      'lib/my_app/sessions/repository.ex missing-test',
    ]);
    for (const p of out.problems) assert.equal(typeof p['fix'], 'string');
  });

  test('no ignored, gitignored or unmapped file appears', () => {
    const text = status(phoenix.dir) + status(phoenix.dir, '--json');
    for (const f of ['lib/my_app/repo.ex', 'lib/my_app/generated.ex', 'test_helper.exs', 'mix.exs']) assert.ok(!text.includes(f), f);
  });

  test('the same from a subfolder', () => {
    assert.equal(status(`${phoenix.dir}/lib/my_app`), status(phoenix.dir));
  });

  test('approving by digest and editing after flips approved to stale', () => {
    const path = 'docs/design/sessions/repository.md';
    phoenix.write({ [path]: approve(path, design('module', 'Stores sessions.')) });
    assert.match(status(phoenix.dir), /^lib\/my_app\/sessions\/repository\.ex +approved +/m);
    phoenix.write({ [path]: approve(path, design('module', 'Stores sessions.')).replace('Stores', 'Keeps') });
    assert.match(status(phoenix.dir), /^lib\/my_app\/sessions\/repository\.ex +stale +/m);
    // a CRLF checkout of the approved text keeps it approved
    phoenix.write({ [path]: approve(path, design('module', 'Stores sessions.')).replace(/\n/g, '\r\n') });
    assert.match(status(phoenix.dir), /^lib\/my_app\/sessions\/repository\.ex +approved +/m);
  });
});

describe('the approval gate', () => {
  test('a hand-written approval block with a matching digest is unverified, never approved', () => {
    const path = 'docs/design/sessions/orchestrator.md';
    const r = repo({
      'mix.exs': 'defmodule MyApp.MixProject do\n  use Mix.Project\n\n  def project do\n    [app: :my_app, version: "0.1.0"]\n  end\nend\n',
      '.designrc.json': JSON.stringify({ preset: 'elixir-phoenix', approvers: [{ name: 'Jane Doe', email: 'jane@example.com', keys: [] }], signedApprovals: false }),
      'lib/my_app/sessions/orchestrator.ex': 'defmodule MyApp.Sessions.Orchestrator do\nend\n',
      [path]: approve(path, design('module', 'Runs sessions.')),
    });
    const out = runCli(['status', '--json'], { cwd: r.dir });
    assert.equal(out.status, 0);
    const json = JSON.parse(out.stdout) as { components: Array<{ design: string; designState: string }>; problems: Array<{ file: string; ruleId: string; fix?: string }> };
    assert.equal(json.components.find((c) => c.design === path)?.designState, 'unverified');
    const problem = json.problems.find((p) => p.file === path && p.ruleId.startsWith('approval-'));
    assert.ok(problem, 'the unverified approval is reported on the design');
    assert.match(problem.fix ?? '', /designgate approve/);
    const check = runCli(['check'], { cwd: r.dir });
    assert.equal(check.status, 1, 'check fails on an unverified approval');
    assert.match(check.stdout, new RegExp(`^${path}:\\d+:\\d+: error .*\\[approval-`, 'm'));
  });
});

describe('status in a TypeScript repository', () => {
  const ts = repo({
    'package.json': '{ "name": "app", "type": "module" }\n',
    'tsconfig.json': '{}\n',
    '.designrc.json': JSON.stringify({ components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }], ignore: ['**/*.d.ts', 'src/generated/'], gates: { approval: 'off' } }),
    'src/index.ts': 'export {};\n',
    'src/util/strings.ts': 'export {};\n',
    'src/types.d.ts': 'declare const x: number;\n',
    'src/generated/api.ts': 'export {};\n',
    'docs/design/index.md': design('module', 'Entry.'),
    'docs/design/util/strings.md': approve('docs/design/util/strings.md', design('module', 'Strings.')),
    'test/index.test.ts': 'x',
    'test/util/strings.test.ts': 'x',
    'README.md': '# app\n',
  });

  test('maps src/**.ts to its design and test, nothing else', () => {
    assert.equal(
      status(ts.dir),
      [
        'CODE                 DESIGN    DESIGN FILE                  TEST',
        'src/index.ts         draft     docs/design/index.md         test/index.test.ts',
        'src/util/strings.ts  approved  docs/design/util/strings.md  test/util/strings.test.ts',
        '',
      ].join('\n') + noHooks,
    );
  });
});

describe('status in a monorepo', () => {
  const mono = repo({
    'README.md': '# mono\n',
    'tools/x.ts': 'export {};\n',
    'packages/a/.designrc.json': JSON.stringify({ components: [{ code: 'src/{path}.ts', design: 'design/{path}.md', test: 'src/{path}.test.ts' }], gates: { approval: 'off' } }),
    'packages/a/src/x.ts': 'export {};\n',
    'packages/a/src/x.test.ts': 'x',
    'packages/a/design/x.md': design('module', 'A x.'),
    'packages/b/.designrc.json': JSON.stringify({ components: [{ code: 'src/{path}.py', design: 'docs/{path}.md', test: 'tests/{path}_test.py' }], gates: { approval: 'off' } }),
    'packages/b/src/x.py': 'x = 1\n',
    'packages/b/src/not_python.ts': 'export {};\n',
    'packages/b/docs/x.md': design('service', 'B x.'),
  });

  test('each package is mapped by its own rules, with repository-relative paths', () => {
    const out = JSON.parse(status(mono.dir, '--json')) as { components: Array<Record<string, unknown>>; problems: Array<Record<string, unknown>> };
    assert.deepEqual(out.components, [
      { code: 'packages/a/src/x.ts', codeExists: true, design: 'packages/a/design/x.md', designState: 'draft', type: 'module', test: 'packages/a/src/x.test.ts', testExists: true },
      { code: 'packages/b/src/x.py', codeExists: true, design: 'packages/b/docs/x.md', designState: 'draft', type: 'service', test: 'packages/b/tests/x_test.py', testExists: false },
    ]);
    assert.deepEqual(out.problems.map((p) => `${p['file']} ${p['ruleId']}`), ['packages/b/src/x.py missing-test']);
    assert.equal(out.problems[0]?.['message'], 'packages/b/src/x.py has no test: expected packages/b/tests/x_test.py');
  });

  test('from inside a package the whole repository is shown', () => {
    assert.equal(status(`${mono.dir}/packages/b`), status(mono.dir));
  });
});

describe('status without components', () => {
  test('says how to start, and exits 0', () => {
    const empty = repo({ '.designrc.json': JSON.stringify({ preset: 'go' }), 'README.md': '# x\n' });
    assert.equal(status(empty.dir), `no components yet: add a code file and run \`designgate new <code-path>\`\n${noHooks}`);
    const json = JSON.parse(status(empty.dir, '--json')) as { components: unknown[]; problems: unknown[]; hooks: Array<{ ruleId: string }> };
    assert.deepEqual([json.components, json.problems, json.hooks.map((h) => h.ruleId)], [[], [], ['hooks-path']]);
  });

  test('after designgate init the hooks warning is gone; an edited shim brings one back', () => {
    const r = repo({ 'package.json': '{}\n' });
    assert.equal(runCli(['init'], { cwd: r.dir }).status, 0);
    assert.equal(status(r.dir), 'no components yet: add a code file and run `designgate new <code-path>`\n');
    r.write({ '.husky/pre-commit': 'exit 0\n' });
    assert.match(status(r.dir), /^\.husky\/pre-commit: warning .* \[hooks-modified\]$/m);
  });
});

describe('status with an adoption baseline', () => {
  const adopted = repo({
    '.designrc.json': JSON.stringify({ components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }], gates: { approval: 'off' } }),
    'src/legacy.ts': 'old\n',
    'src/other.ts': 'old\n',
    'src/new.ts': 'new\n',
    '.designgate/baseline.json': '{\n  "version": 1,\n  "files": [\n    "src/legacy.ts",\n    "src/other.ts"\n  ]\n}\n',
  });

  test('baselined files show as baselined and are counted; a design-less file outside the baseline stays missing', () => {
    const out = status(adopted.dir);
    assert.match(out, /^src\/legacy\.ts +baselined +docs\/design\/legacy\.md +\(no test\)$/m);
    assert.match(out, /^src\/new\.ts +missing +/m);
    assert.match(out, /^2 code files baselined in \.designgate\/baseline\.json: exempt until their design is written/m);
    assert.doesNotMatch(out, /src\/legacy\.ts has no (design|test)/);
    assert.match(out, /src\/new\.ts has no design/);
  });

  test('--json marks each component and gives the count and the size of the baseline', () => {
    const json = JSON.parse(status(adopted.dir, '--json')) as { components: Array<{ code: string; designState: string; baselined?: true }>; baselined: number; baselineSize: number };
    assert.deepEqual(json.components.map((c) => `${c.code} ${c.designState} ${c.baselined === true}`), ['src/legacy.ts baselined true', 'src/new.ts missing false', 'src/other.ts baselined true']);
    assert.equal(json.baselined, 2);
    assert.equal(json.baselineSize, 2);
  });
});
