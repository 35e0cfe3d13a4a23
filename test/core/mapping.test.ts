import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComponentRule } from '../../core/config/types.js';
import { DesignGateError } from '../../core/errors.js';
import { compileMapping, findRuleOverlaps, parseTemplate, templateOverlap, templateWithin, type Role } from '../../core/mapping.js';

const phoenix: ComponentRule = { code: 'lib/my_app/{path}.ex', design: 'docs/design/{path}.md', test: 'test/my_app/{path}_test.exs' };
const typescript: ComponentRule = { code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' };

function rule(code: string, design: string, test: string): ComponentRule {
  return { code, design, test };
}

describe('parseTemplate', () => {
  test('splits around the one {path}', () => {
    assert.deepEqual(parseTemplate('lib/my_app/{path}.ex'), { prefix: 'lib/my_app/', suffix: '.ex' });
    assert.deepEqual(parseTemplate('{path}'), { prefix: '', suffix: '' });
    assert.deepEqual(parseTemplate('test/my_app/{path}_test.exs'), { prefix: 'test/my_app/', suffix: '_test.exs' });
    assert.deepEqual(parseTemplate('lib/c++/{path}.cc'), { prefix: 'lib/c++/', suffix: '.cc' });
  });

  const bad: Array<[string, RegExp]> = [
    ['lib/my_app/x.ex', /has no \{path\}/],
    ['lib/{Path}.ex', /has no \{path\}/],
    ['{path}/{path}.ex', /more than once/],
    ['/abs/{path}.ts', /not a relative path/],
    ['../up/{path}.ts', /not a relative path/],
    ['src/./{path}.ts', /not a relative path/],
    ['src//{path}.ts', /not a relative path/],
    ['src/{path}/', /not a relative path/],
    ['src\\{path}.ts', /not a relative path/],
  ];
  for (const [template, message] of bad) {
    test(`rejects ${template} as CONFIG`, () => {
      assert.throws(
        () => parseTemplate(template),
        (e: unknown) => e instanceof DesignGateError && e.code === 'CONFIG' && message.test(e.message) && e.message.includes(template),
      );
    });
  }

  test('compileMapping rejects a bad template in any field', () => {
    assert.throws(() => compileMapping([rule('src/{path}.ts', 'docs/design.md', 'test/{path}.ts')]), /has no \{path\}/);
  });
});

describe('the Phoenix mapping, every direction', () => {
  const mapping = compileMapping([phoenix]);
  const triple = {
    rule: 0,
    path: 'sessions/orchestrator',
    code: 'lib/my_app/sessions/orchestrator.ex',
    design: 'docs/design/sessions/orchestrator.md',
    test: 'test/my_app/sessions/orchestrator_test.exs',
  };
  const rows: Array<[Role, string]> = [
    ['code', triple.code],
    ['design', triple.design],
    ['test', triple.test],
  ];
  for (const [role, file] of rows) {
    test(`${role} ${file} gives the whole triple`, () => {
      assert.deepEqual(mapping.classify(file), { role, triple });
      assert.deepEqual(mapping.fromCode(file), role === 'code' ? triple : undefined);
      assert.deepEqual(mapping.fromDesign(file), role === 'design' ? triple : undefined);
      assert.deepEqual(mapping.fromTest(file), role === 'test' ? triple : undefined);
    });
  }

  const unmapped = [
    'lib/my_app.ex', // outside lib/my_app/
    'lib/my_app_web/router.ex', // a sibling folder whose name starts the same
    'lib/my_app/.ex', // {path} would be empty
    'lib/my_app/a/.ex', // {path} would end with "/"
    'lib/my_app//a.ex', // empty segment
    'lib/my_app/../a.ex', // ".." segment
    'lib/my_app/a.exs',
    'test/test_helper.exs',
    'docs/design/a.markdown',
    'README.md',
    '',
  ];
  for (const file of unmapped) {
    test(`${JSON.stringify(file)} is not part of the convention`, () => {
      assert.equal(mapping.classify(file), undefined);
    });
  }

  test('a file and a folder of the same name map side by side', () => {
    assert.equal(mapping.fromCode('lib/my_app/sessions.ex')?.design, 'docs/design/sessions.md');
    assert.equal(mapping.fromDesign('docs/design/sessions/orchestrator/state.md')?.code, 'lib/my_app/sessions/orchestrator/state.ex');
  });
});

describe('a TypeScript rule', () => {
  const mapping = compileMapping([typescript]);
  const rows: Array<[string, Role | undefined, string | undefined]> = [
    ['src/cli/main.ts', 'code', 'cli/main'],
    ['docs/design/cli/main.md', 'design', 'cli/main'],
    ['test/cli/main.test.ts', 'test', 'cli/main'],
    // Without ignore globs these are code too — that is why presets ignore them (see glob tests).
    ['src/types.d.ts', 'code', 'types.d'],
    ['src/a.test.ts', 'code', 'a.test'],
    ['test/helpers/repo.ts', undefined, undefined],
    ['src/a.tsx', undefined, undefined],
  ];
  for (const [file, role, path] of rows) {
    test(`${file} → ${role ?? 'nothing'}`, () => {
      const hit = mapping.classify(file);
      assert.equal(hit?.role, role);
      assert.equal(hit?.triple.path, path);
    });
  }

  test('a colocated test template wins over the code template', () => {
    const colocated = compileMapping([rule('src/{path}.ts', 'docs/design/{path}.md', 'src/{path}.test.ts')]);
    assert.deepEqual(colocated.classify('src/a.test.ts'), {
      role: 'test',
      triple: { rule: 0, path: 'a', code: 'src/a.ts', design: 'docs/design/a.md', test: 'src/a.test.ts' },
    });
    assert.equal(colocated.fromCode('src/a.test.ts'), undefined);
    assert.equal(colocated.fromCode('src/a.ts')?.test, 'src/a.test.ts');
  });
});

describe('rules tried in order', () => {
  const mapping = compileMapping([
    rule('src/special/{path}.ts', 'docs/design/special/{path}.md', 'test/special/{path}.test.ts'),
    rule('src/{path}.ts', 'docs/design/{path}.md', 'test/{path}.test.ts'),
    rule('lib/{path}.ex', 'docs/elixir/{path}.md', 'test/{path}_test.exs'),
  ]);
  const rows: Array<[string, number, string]> = [
    ['src/special/a.ts', 0, 'a'],
    ['src/specialist.ts', 1, 'specialist'],
    ['src/a.ts', 1, 'a'],
    ['lib/a.ex', 2, 'a'],
    ['docs/design/special/a.md', 0, 'a'],
    ['docs/design/a.md', 1, 'a'],
    ['docs/elixir/a.md', 2, 'a'],
    ['test/special/a.test.ts', 0, 'a'],
    ['test/a_test.exs', 2, 'a'],
  ];
  for (const [file, ruleIndex, path] of rows) {
    test(`${file} → components[${ruleIndex}] with {path} ${path}`, () => {
      const hit = mapping.classify(file);
      assert.equal(hit?.triple.rule, ruleIndex);
      assert.equal(hit?.triple.path, path);
    });
  }

  test('the first matching code rule wins even when a later one also matches', () => {
    const m = compileMapping([rule('src/{path}.ts', 'd1/{path}.md', 't1/{path}.ts'), rule('src/special/{path}.ts', 'd2/{path}.md', 't2/{path}.ts')]);
    assert.deepEqual(m.fromCode('src/special/a.ts'), { rule: 0, path: 'special/a', code: 'src/special/a.ts', design: 'd1/special/a.md', test: 't1/special/a.ts' });
  });
});

describe('regular-expression metacharacters are literal', () => {
  const mapping = compileMapping([rule('lib/c++/{path}.cc', 'docs/(c++)/{path}.md', 'test/[c]/{path}.*.cc')]);
  const rows: Array<[string, Role | undefined]> = [
    ['lib/c++/a/b.cc', 'code'],
    ['lib/cc/a.cc', undefined],
    ['lib/c+/a.cc', undefined],
    ['lib/c++/a.x.cc', 'code'], // {path} = "a.x"
    ['lib/c++/a.cc.bak', undefined],
    ['docs/(c++)/a.md', 'design'],
    ['docs/c++/a.md', undefined],
    ['test/[c]/a.*.cc', 'test'],
    ['test/c/a.x.cc', undefined],
  ];
  for (const [file, role] of rows) {
    test(`${file} → ${role ?? 'nothing'}`, () => assert.equal(mapping.classify(file)?.role, role));
  }
  test('and round-trip', () => {
    assert.equal(mapping.fromTest('test/[c]/a/b.*.cc')?.code, 'lib/c++/a/b.cc');
  });
});

describe('findRuleOverlaps', () => {
  // A rule whose design template is under test; its code and test templates never overlap others'.
  let unique = 0;
  const d = (design: string) => {
    unique++;
    return rule(`c${unique}/{path}.ts`, design, `t${unique}/{path}.ts`);
  };

  test('the seed and our own config have none', () => {
    assert.deepEqual(findRuleOverlaps([phoenix]), []);
    const own = ['bin', 'cli', 'core', 'hooks', 'lint-rules', 'generators'].map((x) =>
      rule(`${x}/{path}.ts`, `docs/design/${x}/{path}.md`, `test/${x}/{path}.test.ts`),
    );
    assert.deepEqual(findRuleOverlaps(own), []);
  });

  test('identical design templates overlap', () => {
    assert.deepEqual(findRuleOverlaps([phoenix, { ...typescript }]), [{ earlier: 0, later: 1, field: 'design', example: 'docs/design/x.md' }]);
  });

  test('specific first is allowed, general first is not', () => {
    const special = rule('src/special/{path}.ts', 'docs/design/special/{path}.md', 'test/special/{path}.test.ts');
    assert.deepEqual(findRuleOverlaps([special, typescript]), []);
    assert.deepEqual(findRuleOverlaps([typescript, special]), [
      { earlier: 0, later: 1, field: 'design', example: 'docs/design/special/x.md' },
      { earlier: 0, later: 1, field: 'test', example: 'test/special/x.test.ts' },
    ]);
  });

  test('partial overlap (neither contains the other) is reported in either order', () => {
    const a = d('docs/{path}.md');
    const b = d('docs/api/{path}');
    assert.deepEqual(findRuleOverlaps([a, b]), [{ earlier: 0, later: 1, field: 'design', example: 'docs/api/x.md' }]);
    assert.deepEqual(findRuleOverlaps([b, a]), [{ earlier: 0, later: 1, field: 'design', example: 'docs/api/x.md' }]);
  });

  test('test templates are checked like design templates, code templates are not', () => {
    const a = rule('src/{path}.ts', 'docs/a/{path}.md', 'test/{path}.test.ts');
    const b = rule('src/{path}.ts', 'docs/b/{path}.md', 'test/{path}.test.ts');
    assert.deepEqual(findRuleOverlaps([a, b]), [{ earlier: 0, later: 1, field: 'test', example: 'test/x.test.ts' }]);
  });

  test('reports every overlapping pair, in order', () => {
    // 0/1 identical; 3 and 4 cross; every other pair is disjoint or specific-first.
    const rules = [d('d/{path}.md'), d('d/{path}.md'), d('e/{path}.md'), d('d/{path}'), d('{path}.md')];
    assert.deepEqual(
      findRuleOverlaps(rules).map((o) => [o.earlier, o.later, o.field, o.example]),
      [
        [0, 1, 'design', 'd/x.md'],
        [3, 4, 'design', 'd/x.md'],
      ],
    );
  });

  // Edge cases of lengths: {path} is never empty and never starts or ends with "/".
  const pairs: Array<[string, string, 'disjoint' | 'specific-first' | 'overlap', string?]> = [
    ['a/b{path}', 'a/{path}', 'specific-first', 'a/bx'],
    ['a/{path}', 'a/b{path}', 'overlap', 'a/bx'],
    ['a{path}', 'a/{path}', 'disjoint'], // a{path} would need {path} to start with "/"
    ['a/{path}', 'a{path}', 'disjoint'],
    ['{path}x.md', '{path}/x.md', 'disjoint'],
    ['d/{path}/index.md', 'd/{path}.md', 'specific-first', 'd/y/index.md'],
    ['d/{path}.md', 'd/{path}/index.md', 'overlap', 'd/y/index.md'],
    ['ab{path}', '{path}ab', 'overlap', 'abab'],
    ['a/{path}', '{path}/b', 'overlap', 'a/b'],
    ['x/.{path}', 'x/{path}', 'specific-first', 'x/.y'],
    ['{path}..md', '{path}.md', 'specific-first', 'x..md'],
    ['docs/{path}.md', 'docs/{path}.markdown', 'disjoint'],
    ['docs/{path}.md', 'design/{path}.md', 'disjoint'],
    ['d/{path}', 'd/{path}', 'overlap', 'd/x'],
  ];
  for (const [earlier, later, verdict, example] of pairs) {
    test(`${earlier} before ${later}: ${verdict}`, () => {
      const found = findRuleOverlaps([d(earlier), d(later)]);
      assert.deepEqual(found, verdict === 'overlap' ? [{ earlier: 0, later: 1, field: 'design', example }] : []);
      const both = templateOverlap(parseTemplate(earlier), parseTemplate(later));
      assert.equal(both, verdict === 'disjoint' ? undefined : example);
      if (both !== undefined) {
        // The example really is matched by both rules' design templates.
        for (const t of [earlier, later]) assert.equal(compileMapping([rule('zc/{path}', t, 'zt/{path}')]).fromDesign(both)?.design, both);
      }
    });
  }

  test('agrees with brute force on random small templates', () => {
    // Enumerate every path up to 6 characters over an alphabet that includes one character the
    // templates never use, and compare with the automata.
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pick = (len: number) => Array.from({ length: len }, () => 'a./'[rand(3)]).join('');
    const words: string[] = [''];
    for (let i = 0, level = ['']; i < 6; i++) {
      level = level.flatMap((w) => [...'a./x'].map((c) => w + c));
      words.push(...level);
    }
    let checked = 0;
    while (checked < 150) {
      const ta = `${pick(rand(3))}{path}${pick(rand(3))}`;
      const tb = `${pick(rand(3))}{path}${pick(rand(3))}`;
      let pa, pb;
      try {
        pa = parseTemplate(ta);
        pb = parseTemplate(tb);
      } catch {
        continue;
      }
      checked++;
      const ma = compileMapping([rule('zc/{path}', ta, 'zt/{path}')]);
      const mb = compileMapping([rule('zc/{path}', tb, 'zt/{path}')]);
      const inA = words.filter((w) => ma.fromDesign(w) !== undefined);
      const inB = new Set(words.filter((w) => mb.fromDesign(w) !== undefined));
      const common = inA.find((w) => inB.has(w));
      const example = templateOverlap(pa, pb);
      if (example !== undefined && example.length <= 6) assert.equal(common?.length, example.length, `${ta} ∩ ${tb}`);
      else assert.equal(common, undefined, `${ta} ∩ ${tb}: brute force found ${String(common)}`);
      if (inA.some((w) => !inB.has(w))) assert.equal(templateWithin(pa, pb), false, `${ta} ⊄ ${tb}`);
    }
  });
});

describe('non-ASCII templates', () => {
  test('match and overlap by code units, astral characters included', () => {
    const m = compileMapping([rule('src/𝒳/{path}.ts', 'docs/é/{path}.md', 'test/{path}.test.ts')]);
    assert.equal(m.fromCode('src/𝒳/a/b.ts')?.design, 'docs/é/a/b.md');
    assert.equal(templateOverlap(parseTemplate('d/𝒳{path}'), parseTemplate('d/{path}')), 'd/𝒳x');
    assert.equal(templateOverlap(parseTemplate('d/𝒳{path}'), parseTemplate('d/𝒴{path}')), undefined);
    assert.equal(templateWithin(parseTemplate('d/𝒳{path}'), parseTemplate('d/{path}')), true);
  });
});
