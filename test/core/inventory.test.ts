import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComponentRule, GateLevel } from '../../core/config/types.js';
import { buildInventory, type Component } from '../../core/inventory.js';
import type { Problem } from '../../core/problem.js';
import { makeRepo } from '../helpers/repo.js';

const phoenix: ComponentRule = { code: 'lib/my_app/{path}.ex', design: 'docs/design/{path}.md', test: 'test/my_app/{path}_test.exs' };
const typescript: ComponentRule = { code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' };

function inv(components: ComponentRule[], files: string[], ignore: string[] = [], completeness?: GateLevel) {
  return buildInventory({ components, ignore }, files, completeness === undefined ? {} : { completeness });
}

/** A compact view of a component: `rule:path code/design/test flags`. */
function brief(c: Component): string {
  const flag = (b: boolean, ch: string) => (b ? ch : '-');
  return `${c.triple.rule}:${c.triple.path} ${flag(c.codeExists, 'c')}${flag(c.designExists, 'd')}${flag(c.testExists, 't')}`;
}

const missingDesign = (code: string, design: string, severity: Problem['severity'] = 'error'): Problem => ({
  file: code,
  ruleId: 'missing-design',
  severity,
  message: `${code} has no design: expected ${design}`,
  fix: `designgate new ${code}`,
});
const missingTest = (code: string, testFile: string, severity: Problem['severity'] = 'error'): Problem => ({
  file: code,
  ruleId: 'missing-test',
  severity,
  message: `${code} has no test: expected ${testFile}`,
  fix: `create ${testFile}`,
});

describe('buildInventory with the Phoenix mapping', () => {
  const code = 'lib/my_app/sessions/orchestrator.ex';
  const design = 'docs/design/sessions/orchestrator.md';
  const testFile = 'test/my_app/sessions/orchestrator_test.exs';

  test('a complete component has no problems', () => {
    const result = inv([phoenix], [testFile, code, design, 'README.md', 'mix.exs', 'test/test_helper.exs']);
    assert.deepEqual(result, {
      components: [
        {
          triple: { rule: 0, path: 'sessions/orchestrator', code, design, test: testFile },
          codeExists: true,
          designExists: true,
          testExists: true,
        },
      ],
      problems: [],
    });
  });

  const rows: Array<[string, string[], string[], Problem[]]> = [
    ['code alone', [code], ['0:sessions/orchestrator c--'], [missingDesign(code, design), missingTest(code, testFile)]],
    ['code and design', [code, design], ['0:sessions/orchestrator cd-'], [missingTest(code, testFile)]],
    ['code and test', [code, testFile], ['0:sessions/orchestrator c-t'], [missingDesign(code, design)]],
    // Design first: a design (with or without its test) is approved before its code exists.
    ['design alone', [design], ['0:sessions/orchestrator -d-'], []],
    ['design and test', [design, testFile], ['0:sessions/orchestrator -dt'], []],
    [
      'test alone',
      [testFile],
      ['0:sessions/orchestrator --t'],
      [
        {
          file: testFile,
          ruleId: 'orphan-test',
          severity: 'error',
          message: `${testFile} tests ${code}, which does not exist and has no design ${design}`,
          fix: `write the design first with \`designgate new ${code}\`, or delete ${testFile}`,
        },
      ],
    ],
  ];
  for (const [name, files, components, problems] of rows) {
    test(name, () => {
      const result = inv([phoenix], files);
      assert.deepEqual(result.components.map(brief), components);
      assert.deepEqual(result.problems, problems);
    });
  }

  test('completeness "warn" downgrades, "off" drops, "error" is the default', () => {
    const files = [code, 'test/my_app/other_test.exs'];
    const severities = (level?: GateLevel) => inv([phoenix], files, [], level).problems.map((p) => `${p.ruleId}:${p.severity}`);
    assert.deepEqual(severities(), ['missing-design:error', 'missing-test:error', 'orphan-test:error']);
    assert.deepEqual(severities('error'), severities());
    assert.deepEqual(severities('warn'), ['missing-design:warning', 'missing-test:warning', 'orphan-test:warning']);
    assert.deepEqual(severities('off'), []);
    // The components are the same whatever the gate.
    assert.deepEqual(inv([phoenix], files, [], 'off').components, inv([phoenix], files).components);
  });

  test('ignored files are skipped entirely', () => {
    const result = inv([phoenix], ['lib/my_app_web/telemetry.ex', 'lib/my_app/repo.ex', 'lib/my_app/gen/a.ex'], ['lib/my_app/repo.ex', 'gen/']);
    assert.deepEqual(result, { components: [], problems: [] });
  });

  test('a design whose code is ignored is an orphan, even with completeness off', () => {
    const files = ['lib/my_app/legacy.ex', 'docs/design/legacy.md', 'test/my_app/legacy_test.exs'];
    const result = inv([phoenix], files, ['lib/my_app/legacy.ex'], 'off');
    assert.deepEqual(result.components.map(brief), ['0:legacy -dt']);
    assert.deepEqual(result.problems, [
      {
        file: 'docs/design/legacy.md',
        ruleId: 'orphan-design',
        severity: 'error',
        message: 'docs/design/legacy.md describes lib/my_app/legacy.ex, which "ignore" exempts',
        fix: 'delete docs/design/legacy.md, or take lib/my_app/legacy.ex out of "ignore" in .designrc.json',
      },
    ]);
    // With the gate on, the test is an orphan for the same reason.
    assert.deepEqual(
      inv([phoenix], files, ['lib/my_app/legacy.ex']).problems.map((p) => [p.file, p.ruleId, p.message]),
      [
        ['docs/design/legacy.md', 'orphan-design', 'docs/design/legacy.md describes lib/my_app/legacy.ex, which "ignore" exempts'],
        ['test/my_app/legacy_test.exs', 'orphan-test', 'test/my_app/legacy_test.exs tests lib/my_app/legacy.ex, which "ignore" exempts'],
      ],
    );
  });

  test('a code file whose test path is ignored is a mapping conflict', () => {
    assert.deepEqual(inv([phoenix], [code, design], ['test/**']).problems, [
      {
        file: code,
        ruleId: 'mapping-conflict',
        severity: 'error',
        message: `${code} maps to the test ${testFile}, but "ignore" exempts that path`,
        fix: `take ${testFile} out of "ignore" in .designrc.json`,
      },
    ]);
  });
});

describe('buildInventory with a TypeScript rule', () => {
  const files = [
    'src/cli/main.ts',
    'docs/design/cli/main.md',
    'test/cli/main.test.ts',
    'src/types.d.ts',
    'src/a.test.ts',
    'test/helpers/repo.ts',
    'package.json',
  ];

  test('with .d.ts and stray-test ignores everything is complete', () => {
    const result = inv([typescript], files, ['**/*.d.ts', 'src/**/*.test.ts']);
    assert.deepEqual(result.components.map(brief), ['0:cli/main cdt']);
    assert.deepEqual(result.problems, []);
  });

  test('without them, declarations and tests under src/ count as code', () => {
    const result = inv([typescript], files);
    assert.deepEqual(result.components.map(brief), ['0:a.test c--', '0:cli/main cdt', '0:types.d c--']);
    assert.deepEqual(result.problems, [
      missingDesign('src/a.test.ts', 'docs/design/a.test.md'),
      missingTest('src/a.test.ts', 'test/a.test.test.ts'),
      missingDesign('src/types.d.ts', 'docs/design/types.d.md'),
      missingTest('src/types.d.ts', 'test/types.d.test.ts'),
    ]);
  });

  test('colocated tests are tests, not code', () => {
    const colocated: ComponentRule = { code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'src/{path}.test.ts' };
    const result = inv([colocated], ['src/a.ts', 'src/a.test.ts', 'docs/design/a.md']);
    assert.deepEqual(result.components.map(brief), ['0:a cdt']);
    assert.deepEqual(result.problems, []);
  });
});

describe('conflicts between rules', () => {
  // Specific first: the web rule owns docs/design/web/, so lib/my_app/web/router.ex (rule 1) cannot have its design there.
  const web: ComponentRule = { code: 'lib/my_app_web/{path}.ex', design: 'docs/design/web/{path}.md', test: 'test/my_app_web/{path}_test.exs' };

  test('a later rule\'s code whose design an earlier, more specific rule reserves', () => {
    const result = inv([web, phoenix], ['lib/my_app/web/router.ex', 'test/my_app/web/router_test.exs', 'docs/design/web/router.md']);
    assert.deepEqual(result.components.map(brief), ['1:web/router c-t', '0:router -d-']);
    assert.deepEqual(result.problems, [
      {
        file: 'lib/my_app/web/router.ex',
        ruleId: 'mapping-conflict',
        severity: 'error',
        message:
          'lib/my_app/web/router.ex maps to the design docs/design/web/router.md, but components[0] takes that path as the design of lib/my_app_web/router.ex',
        fix: 'move lib/my_app/web/router.ex, or add a rule for it before components[0] in .designrc.json',
      },
    ]);
    // The conflict is reported whether or not the reserved design exists, and whatever the completeness gate.
    assert.deepEqual(
      inv([web, phoenix], ['lib/my_app/web/router.ex'], [], 'off').problems.map((p) => p.ruleId),
      ['mapping-conflict'],
    );
  });

  test('a path one rule takes as a design and another expects as a test', () => {
    const docsAsDesigns: ComponentRule = { code: 'src/{path}.ts', design: 'docs/{path}.md', test: 'test/{path}.test.ts' };
    const testsInDocs: ComponentRule = { code: 'lib/{path}.ex', design: 'design/{path}.md', test: 'docs/{path}_test.md' };
    const result = inv([docsAsDesigns, testsInDocs], ['lib/a.ex', 'design/a.md']);
    assert.deepEqual(result.problems, [
      {
        file: 'lib/a.ex',
        ruleId: 'mapping-conflict',
        severity: 'error',
        message: 'lib/a.ex maps to the test docs/a_test.md, but components[0] takes that path as the design of src/a_test.ts',
        fix: 'move lib/a.ex, or add a rule for it before components[0] in .designrc.json',
      },
    ]);
  });

  test('a design whose code path an earlier code rule takes is an orphan, even with completeness off', () => {
    const general: ComponentRule = { code: 'src/{path}.ts', design: 'docs/a/{path}.md', test: 'test/a/{path}.test.ts' };
    const shadowed: ComponentRule = { code: 'src/special/{path}.ts', design: 'docs/special/{path}.md', test: 'test/special/{path}.test.ts' };
    const result = inv([general, shadowed], ['docs/special/x.md', 'src/special/x.ts'], [], 'off');
    assert.deepEqual(result.components.map(brief), ['0:special/x c--', '1:x -d-']);
    assert.deepEqual(result.problems, [
      {
        file: 'docs/special/x.md',
        ruleId: 'orphan-design',
        severity: 'error',
        message: 'docs/special/x.md describes src/special/x.ts, but components[0] takes that path as code with the design docs/a/special/x.md',
        fix: 'git mv docs/special/x.md docs/a/special/x.md',
      },
    ]);
  });
});

describe('output order and input hygiene', () => {
  test('components by code path, problems by file; duplicates count once', () => {
    const files = ['lib/my_app/z.ex', 'lib/my_app/b/a.ex', 'lib/my_app/a.ex', 'lib/my_app/a.ex', 'docs/design/a.md', 'docs/design/z.md'];
    const result = inv([phoenix], files);
    assert.deepEqual(result.components.map(brief), ['0:a cd-', '0:b/a c--', '0:z cd-']);
    assert.deepEqual(
      result.problems.map((p) => `${p.file} ${p.ruleId}`),
      ['lib/my_app/a.ex missing-test', 'lib/my_app/b/a.ex missing-design', 'lib/my_app/b/a.ex missing-test', 'lib/my_app/z.ex missing-test'],
    );
    assert.deepEqual(inv([phoenix], [...files].reverse()), result);
  });

  test('a real repository listed by git', () => {
    const repo = makeRepo({
      '.designrc.json': '{}',
      'lib/my_app/sessions/orchestrator.ex': 'defmodule MyApp.Sessions.Orchestrator do\nend\n',
      'docs/design/sessions/orchestrator.md': '---\ntype: module\n---\n',
      'test/my_app/sessions/orchestrator_test.exs': '',
      'lib/my_app/accounts.ex': '',
      'docs/design/billing/invoice.md': '---\ntype: module\n---\n',
      'lib/my_app_web/telemetry.ex': '',
    });
    try {
      const files = repo.git('ls-files', '-z').split('\0').filter((f) => f !== '');
      const result = buildInventory({ components: [phoenix], ignore: ['lib/my_app_web/telemetry.ex'] }, files);
      assert.deepEqual(result.components.map(brief), ['0:accounts c--', '0:billing/invoice -d-', '0:sessions/orchestrator cdt']);
      assert.deepEqual(result.problems, [
        missingDesign('lib/my_app/accounts.ex', 'docs/design/accounts.md'),
        missingTest('lib/my_app/accounts.ex', 'test/my_app/accounts_test.exs'),
      ]);
    } finally {
      repo.cleanup();
    }
  });
});
