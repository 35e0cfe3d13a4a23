import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeRepo, makeTempDir, runCli, type TempRepo, type Tree } from '../../helpers/repo.js';

const design = (type: string) => `---\ntype: ${type}\nstatus: draft\nstories: []\ndepends_on: []\n---\n\n## Purpose\n\nWhy.\n`;
const tsRules = { components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }] };
const complete: Tree = {
  '.designrc.json': JSON.stringify(tsRules, null, 2),
  'src/index.ts': 'export {};\n',
  'src/util/strings.ts': 'export {};\n',
  'docs/design/index.md': design('module'),
  'docs/design/util/strings.md': design('service'),
  'test/index.test.ts': 'x',
  'test/util/strings.test.ts': 'x',
};

const cleanup: Array<() => void> = [];
after(() => cleanup.forEach((f) => f()));
function repo(tree: Tree): TempRepo {
  const r = makeRepo(tree);
  cleanup.push(() => r.cleanup());
  return r;
}
const check = (cwd: string, ...args: string[]) => runCli(['check', ...args], { cwd });

/** A user error: exit 2, nothing on stdout, and no stack trace. */
function usageError(r: ReturnType<typeof check>, ...lines: string[]): void {
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `${lines.join('\n')}\n`);
  assert.equal(r.status, 2);
  assert.doesNotMatch(r.stderr, /^ {4}at /m);
}

describe('check on a complete repository', () => {
  const ok = repo(complete);
  for (const args of [[], ['--all'], ['src'], ['src/index.ts']]) {
    test(`check ${args.join(' ')} exits 0 and says so on stderr`, () => {
      assert.deepEqual(check(ok.dir, ...args), { status: 0, stdout: '', stderr: 'check: every component has its design and its test\n' });
    });
  }
  test('--json prints an empty problem list and nothing on stderr', () => {
    assert.deepEqual(check(ok.dir, '--json'), { status: 0, stdout: '{\n  "problems": []\n}\n', stderr: '' });
  });
});

describe('check with problems', () => {
  const bad = repo({
    ...complete,
    'src/no_design.ts': 'export {};\n',
    'test/no_design.test.ts': 'x',
    'src/util/no_test.ts': 'export {};\n',
    'docs/design/util/no_test.md': design('module'),
    'src/broken.ts': 'export {};\n',
    'docs/design/broken.md': '---\ntype: module\ntype: service\n---\n',
    'test/broken.test.ts': 'x',
    'src/odd.ts': 'export {};\n',
    'docs/design/odd.md': design('widget'),
    'test/odd.test.ts': 'x',
  });
  const lines = {
    broken: [
      "docs/design/broken.md:3:1: error duplicate key 'type' [design-unreadable]",
      '  fix: fix the frontmatter of docs/design/broken.md (see `designgate lint docs/design/broken.md`)',
    ],
    odd: [
      "docs/design/odd.md: error unknown component type 'widget' (known: module, context, schema, service, ui, cli) [unknown-type]",
      '  fix: use one of the known types, or add the type under "types" in .designrc.json',
    ],
    noDesign: [
      'src/no_design.ts: error src/no_design.ts has no design: expected docs/design/no_design.md [missing-design]',
      '  fix: designgate new src/no_design.ts',
    ],
    noTest: [
      'src/util/no_test.ts: error src/util/no_test.ts has no test: expected test/util/no_test.test.ts [missing-test]',
      '  fix: create test/util/no_test.test.ts',
    ],
  };
  function expectLines(stdout: string, expected: Array<string | RegExp>): void {
    const actual = stdout.split('\n');
    assert.equal(actual.pop(), '', 'newline-terminated');
    assert.equal(actual.length, expected.length, stdout);
    expected.forEach((e, i) => (typeof e === 'string' ? assert.equal(actual[i], e) : assert.match(actual[i] ?? '', e)));
  }

  test('exit 1 with one line per problem naming the file and the rule, each with its fix', () => {
    const r = check(bad.dir);
    assert.equal(r.status, 1);
    expectLines(r.stdout, [...lines.broken, ...lines.odd, ...lines.noDesign, ...lines.noTest]);
    assert.equal(r.stderr, '4 errors, 0 warnings\n');
  });

  test('--all is the same as no paths', () => {
    assert.deepEqual(check(bad.dir, '--all'), check(bad.dir));
  });

  test('a file selects its component only', () => {
    const r = check(bad.dir, 'src/util/no_test.ts');
    assert.equal(r.status, 1);
    expectLines(r.stdout, lines.noTest);
    assert.equal(r.stderr, '1 error, 0 warnings\n');
  });

  test('a design path selects its component', () => {
    const r = check(bad.dir, 'docs/design/odd.md');
    expectLines(r.stdout, lines.odd);
    assert.equal(r.status, 1);
  });

  test('a folder selects everything under it; several paths add up', () => {
    expectLines(check(bad.dir, 'src/util').stdout, lines.noTest);
    expectLines(check(bad.dir, 'src/util/', 'src/no_design.ts').stdout, [...lines.noDesign, ...lines.noTest]);
    // A component is selected by any of its three paths, existing or not: the missing design
    // docs/design/no_design.md lies under docs/design.
    expectLines(check(bad.dir, 'docs/design').stdout, [...lines.broken, ...lines.odd, ...lines.noDesign, ...lines.noTest]);
    expectLines(check(bad.dir, 'test/util').stdout, lines.noTest);
  });

  test('paths are relative to the current directory', () => {
    expectLines(check(join(bad.dir, 'src'), 'util').stdout, lines.noTest);
    expectLines(check(join(bad.dir, 'src/util'), '.').stdout, lines.noTest);
  });

  test('a path with no components passes', () => {
    assert.equal(check(bad.dir, 'test/index.test.ts').status, 0);
  });

  test('--json lists the same problems with file, rule, severity, message and fix', () => {
    const r = check(bad.dir, '--json');
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    const { problems } = JSON.parse(r.stdout) as { problems: Array<Record<string, unknown>> };
    assert.deepEqual(problems.map((p) => `${p['file']} ${p['ruleId']} ${p['severity']}`), [
      'docs/design/broken.md design-unreadable error',
      'docs/design/odd.md unknown-type error',
      'src/no_design.ts missing-design error',
      'src/util/no_test.ts missing-test error',
    ]);
    assert.deepEqual([problems[0]?.['line'], problems[0]?.['column']], [3, 1]);
    assert.deepEqual(problems[2], {
      file: 'src/no_design.ts',
      ruleId: 'missing-design',
      severity: 'error',
      message: 'src/no_design.ts has no design: expected docs/design/no_design.md',
      fix: 'designgate new src/no_design.ts',
    });
  });
});

describe('the completeness gate set to warn', () => {
  const warn = repo({
    ...complete,
    '.designrc.json': JSON.stringify({ ...tsRules, gates: { completeness: 'warn' } }),
    'src/util/no_test.ts': 'export {};\n',
    'docs/design/util/no_test.md': design('module'),
  });
  test('reports without failing', () => {
    assert.deepEqual(check(warn.dir), {
      status: 0,
      stdout: 'src/util/no_test.ts: warning src/util/no_test.ts has no test: expected test/util/no_test.test.ts [missing-test]\n  fix: create test/util/no_test.test.ts\n',
      stderr: '0 errors, 1 warning\n',
    });
  });
});

describe('check in a monorepo', () => {
  const mono = repo({
    'packages/a/.designrc.json': JSON.stringify({ components: [{ code: 'src/{path}.ts', design: 'design/{path}.md', test: 'src/{path}.test.ts' }], ignore: ['*.gen.ts'] }),
    'packages/a/src/x.ts': 'export {};\n',
    'packages/a/src/deep/y.gen.ts': 'export {};\n',
    'packages/b/.designrc.json': JSON.stringify({ components: [{ code: 'src/{path}.py', design: 'docs/{path}.md', test: 'tests/{path}_test.py' }] }),
    'packages/b/src/x.py': 'x = 1\n',
    'packages/b/docs/x.md': design('module'),
  });
  test('messages and fixes name paths from the repository root', () => {
    const r = check(mono.dir);
    assert.equal(r.status, 1);
    assert.equal(
      r.stdout,
      [
        'packages/a/src/x.ts: error packages/a/src/x.ts has no design: expected packages/a/design/x.md [missing-design]',
        '  fix: designgate new packages/a/src/x.ts',
        'packages/a/src/x.ts: error packages/a/src/x.ts has no test: expected packages/a/src/x.test.ts [missing-test]',
        '  fix: create packages/a/src/x.test.ts',
        'packages/b/src/x.py: error packages/b/src/x.py has no test: expected packages/b/tests/x_test.py [missing-test]',
        '  fix: create packages/b/tests/x_test.py',
        '',
      ].join('\n'),
    );
  });
  test('a path selects within one package', () => {
    assert.equal(check(mono.dir, 'packages/b').stdout.split('\n').length, 3);
  });
});

describe('check usage and configuration errors', () => {
  const ok = repo(complete);

  test('--all with paths', () => {
    usageError(check(ok.dir, '--all', 'src'), 'designgate: check: give either --all or paths, not both', '  fix: run `designgate check --help`');
  });

  test('a path outside the repository', () => {
    usageError(check(ok.dir, '../elsewhere'), 'designgate: ../elsewhere is outside the repository', '  fix: give a path inside the repository');
  });

  test('outside a git repository', () => {
    const dir = makeTempDir();
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    usageError(check(dir), `designgate: ${dir} is not inside a git repository`, '  fix: run `git init` first, or run designgate inside your repository');
  });

  test('no .designrc.json: the fix names designgate init', () => {
    const none = repo({ 'src/a.ts': 'export {};\n' });
    usageError(check(none.dir), `designgate: no .designrc.json governs ${none.dir}`, '  fix: run `designgate init` at the root of your repository');
  });

  test('a malformed .designrc.json: every mistake as .designrc.json:LINE:COL, exit 2', () => {
    const malformed = repo({
      '.designrc.json': '{\n  "components": [\n    { "code": 1, "design": "docs/{path}.md", "test": "t/{path}.ts", "extra": true }\n  ],\n  "gates": { "approval": "maybe" },\n}\n',
      'src/a.ts': 'export {};\n',
    });
    const before = readFileSync(join(malformed.dir, '.designrc.json'), 'utf8');
    const r = check(malformed.dir);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    const lines = r.stderr.split('\n');
    assert.equal(lines[0], 'designgate: .designrc.json: invalid configuration');
    const causes = lines.filter((l) => l.startsWith('  .designrc.json:'));
    assert.equal(causes.length, 4, r.stderr);
    for (const c of causes) assert.match(c, /^ {2}\.designrc\.json:\d+:\d+: \S/);
    assert.ok(causes.includes('  .designrc.json:3:15: components[0].code: must be a string'), r.stderr);
    assert.ok(causes.some((c) => c.startsWith('  .designrc.json:5:') && c.includes('gates.approval')), r.stderr);
    assert.ok(causes.some((c) => c.includes('trailing comma')), r.stderr);
    assert.match(lines.at(-2) ?? '', /^ {2}fix: /);
    assert.doesNotMatch(r.stderr, /^ {4}at /m);
    assert.equal(readFileSync(join(malformed.dir, '.designrc.json'), 'utf8'), before, 'check never writes');
  });

  test('a malformed config in a monorepo package names that package\'s file', () => {
    const mono = repo({ 'packages/a/.designrc.json': '{ "components": [] }\n', 'packages/a/src/a.ts': 'x' });
    const r = check(mono.dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^designgate: packages\/a\/\.designrc\.json: invalid configuration\n {2}packages\/a\/\.designrc\.json:1:\d+: components/);
  });
});

describe('check --staged', () => {
  test('judges the index, not the work tree: an unstaged fix does not count', () => {
    const r = repo({ ...complete, '.designrc.json': JSON.stringify({ ...tsRules, gates: { approval: 'off' } }, null, 2) });
    r.write({ 'src/extra.ts': 'export {};\n' });
    r.git('add', 'src/extra.ts');
    // The design and test exist in the work tree only; the index lacks them. A staged design must
    // also pass the lint rules, so this one has every section of its type.
    const full = `${design('module')}\n## Public API\n\nextra()\n\n## Dependencies\n\nNone.\n\n## Test Scenarios\n\n- it works\n`;
    r.write({ 'docs/design/extra.md': full, 'test/extra.test.ts': 'x' });
    const staged = check(r.dir, '--staged');
    assert.equal(staged.status, 1, staged.stderr);
    assert.match(staged.stdout, /src\/extra\.ts/);
    assert.equal(check(r.dir, 'src/extra.ts').status, 0, 'the work tree is complete');
    r.git('add', 'docs/design/extra.md', 'test/extra.test.ts');
    assert.equal(check(r.dir, '--staged').status, 0);
  });

  test('takes no paths and no --all', () => {
    const r = repo(complete);
    for (const args of [['--staged', 'src'], ['--staged', '--all']]) {
      usageError(check(r.dir, ...args), 'designgate: check: --staged judges the whole index; give it without paths or --all', '  fix: run `designgate check --help`');
    }
  });
});

describe('check aligns designs with tests in every preset', () => {
  const scenarios = '## Test Scenarios\n\n- reads the config (with CRLF)\n- rejects “tabs” — naming the line\n- keeps defaults\n';
  const alignedDesign = `${design('module')}\n## Public API\n\nparse()\n\n## Dependencies\n\nNone.\n\n${scenarios}`;
  // Line 24 of the design is "- keeps defaults": its test was renamed (and so is longer than the scenario).
  const presets: Array<{ preset: string; code: string; test: string; text: (last: string) => string; line: number }> = [
    {
      preset: 'typescript',
      code: 'src/parser.ts',
      test: 'test/parser.test.ts',
      text: (last) => `import { describe, test } from 'node:test';\ndescribe('parser', () => {\n  test('reads the config (with CRLF)', () => {});\n  test.skip(\`rejects "tabs", naming the line\`, () => {});\n});\ntest('${last}', () => {});\n`,
      line: 6,
    },
    {
      preset: 'elixir-phoenix',
      code: 'lib/parser.ex',
      test: 'test/parser_test.exs',
      text: (last) => `defmodule ParserTest do\n  use ExUnit.Case\n  describe "parser" do\n    test "reads the config (with CRLF)" do\n    end\n    test "rejects \\"tabs\\", naming the line", %{} do\n    end\n  end\n  test "${last}" do\n  end\nend\n`,
      line: 9,
    },
    {
      preset: 'python',
      code: 'src/parser.py',
      test: 'tests/parser_test.py',
      text: (last) => `class TestParser:\n    def test_reads_the_config_with_CRLF(self):\n        pass\n\n    async def test_rejects_tabs_naming_the_line(self):\n        pass\n\ndef test_${last.replace(/ /g, '_')}():\n    pass\n`,
      line: 8,
    },
    {
      preset: 'go',
      code: 'parser.go',
      test: 'parser_test.go',
      text: (last) =>
        `package parser\n\nimport "testing"\n\nfunc TestParser(t *testing.T) {\n\tt.Run("reads the config (with CRLF)", func(t *testing.T) {})\n\tt.Run(\`rejects "tabs", naming the line\`, func(t *testing.T) {})\n}\n\nfunc Test${last.replace(/(^| )(\w)/g, (_, _s: string, c: string) => c.toUpperCase())}(t *testing.T) {}\n`,
      line: 10,
    },
  ];

  for (const p of presets) {
    test(`${p.preset}: a renamed test is reported on both sides, scenarios with punctuation match, and check --staged judges the staged test`, () => {
      const r = repo({
        '.designrc.json': JSON.stringify({ preset: p.preset, gates: { approval: 'off', alignment: 'error' } }),
        [p.code]: '\n',
        'docs/design/parser.md': alignedDesign,
        [p.test]: p.text('keeps the defaults when empty'),
      });
      const got = check(r.dir, '--json');
      assert.equal(got.status, 1, got.stderr);
      const problems = (JSON.parse(got.stdout) as { problems: Array<{ file: string; line: number; ruleId: string; fix: string }> }).problems;
      assert.deepEqual(problems.map((x) => `${x.file}:${x.line} ${x.ruleId}`), ['docs/design/parser.md:24 scenario-without-test', `${p.test}:${p.line} test-without-scenario`]);
      assert.equal(problems[0]!.fix, `add a test named "keeps defaults" to ${p.test}, or remove the scenario from docs/design/parser.md (see docs/alignment.md for how names match)`);

      // The test renamed back, staged: --staged reads the index and passes; the work tree's copy is broken again.
      r.write({ [p.test]: p.text('keeps defaults') });
      r.git('add', p.test);
      r.write({ [p.test]: p.text('keeps the defaults when empty') });
      const staged = check(r.dir, '--staged');
      assert.equal(staged.status, 0, staged.stdout + staged.stderr);
      assert.equal(check(r.dir).status, 1);
      // Renamed again and staged (the index now differs from HEAD): refused, at the staged test's line.
      r.write({ [p.test]: p.text('keeps no defaults') });
      r.git('add', p.test);
      const refused = check(r.dir, '--staged');
      assert.equal(refused.status, 1);
      assert.match(refused.stdout, new RegExp(`^${p.test.replace(/\./g, '\\.')}:${p.line}: error the test "[^"]+" in .* \\[test-without-scenario\\]$`, 'm'));
      // Go and pytest identifiers are suggested as the words they match.
      assert.match(refused.stdout, /^ {2}fix: add "- keeps no defaults" under "## Test Scenarios" in docs\/design\/parser\.md/m);
    });
  }
});
