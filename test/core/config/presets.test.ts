import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { isPresetName, presetIgnore, presetNames, presetRules } from '../../../core/config/presets.js';
import { parseConfig } from '../../../core/config/load.js';
import { readSchema } from '../../../core/config/schema-validator.js';
import { compileMapping, findRuleOverlaps } from '../../../core/mapping.js';

describe('presetRules', () => {
  test('the names match the schema enum', () => {
    const preset = (readSchema('designrc')['properties'] as Record<string, { enum: string[] }>)['preset']!;
    assert.deepEqual([...presetNames], preset.enum);
    assert.equal(isPresetName('go'), true);
    assert.equal(isPresetName('rust'), false);
  });

  test("elixir-phoenix maps the seed's example in every direction", () => {
    const mapping = compileMapping(presetRules('elixir-phoenix', { appName: 'my_app' }));
    const triple = {
      code: 'lib/my_app/sessions/orchestrator.ex',
      design: 'docs/design/sessions/orchestrator.md',
      test: 'test/my_app/sessions/orchestrator_test.exs',
    };
    for (const found of [mapping.fromCode(triple.code), mapping.fromDesign(triple.design), mapping.fromTest(triple.test)]) {
      assert.deepEqual(found && { code: found.code, design: found.design, test: found.test }, triple);
      assert.equal(found?.path, 'sessions/orchestrator');
    }
  });

  test('elixir-phoenix gives the web layer its own design folder, listed first', () => {
    const rules = presetRules('elixir-phoenix', { appName: 'my_app' });
    assert.deepEqual(rules[0], {
      code: 'lib/my_app_web/{path}.ex',
      design: 'docs/design/my_app_web/{path}.md',
      test: 'test/my_app_web/{path}_test.exs',
    });
    const mapping = compileMapping(rules);
    const web = mapping.fromCode('lib/my_app_web/live/page_live.ex');
    assert.equal(web?.rule, 0);
    assert.equal(web?.design, 'docs/design/my_app_web/live/page_live.md');
    assert.equal(web?.test, 'test/my_app_web/live/page_live_test.exs');
    // the web design belongs to the web rule, not to the general one that could also match it
    assert.equal(mapping.fromDesign('docs/design/my_app_web/live/page_live.md')?.code, 'lib/my_app_web/live/page_live.ex');
    assert.equal(mapping.fromCode('lib/my_app.ex'), undefined);
  });

  test('elixir-phoenix without an app name maps all of lib/ and test/', () => {
    const mapping = compileMapping(presetRules('elixir-phoenix', {}));
    assert.equal(mapping.fromCode('lib/shop/cart.ex')?.test, 'test/shop/cart_test.exs');
    assert.equal(mapping.fromCode('lib/shop/cart.ex')?.design, 'docs/design/shop/cart.md');
  });

  test('typescript, python and go map a nested file', () => {
    const ts = compileMapping(presetRules('typescript', {}));
    assert.deepEqual(pick(ts.fromCode('src/a/b.ts')), { design: 'docs/design/a/b.md', test: 'test/a/b.test.ts' });
    const py = compileMapping(presetRules('python', {}));
    assert.deepEqual(pick(py.fromCode('src/pkg/mod.py')), { design: 'docs/design/pkg/mod.md', test: 'tests/pkg/mod_test.py' });
    const go = compileMapping(presetRules('go', {}));
    assert.deepEqual(pick(go.fromCode('internal/store/db.go')), { design: 'docs/design/internal/store/db.md', test: 'internal/store/db_test.go' });
    // Go tests sit beside the code: a _test.go file is a test, never code that needs a design
    assert.equal(go.classify('internal/store/db_test.go')?.role, 'test');
  });

  test('no preset has overlapping rules, and each loads as a config', () => {
    for (const name of presetNames) {
      for (const context of [{}, { appName: 'my_app' }]) {
        const rules = presetRules(name, context);
        assert.deepEqual(findRuleOverlaps(rules), [], name);
        const config = parseConfig(JSON.stringify({ preset: name, components: rules }), '/r/.designrc.json');
        assert.deepEqual(config.components, rules);
      }
      assert.doesNotThrow(() => parseConfig(JSON.stringify({ preset: name }), '/nonexistent/.designrc.json'), name);
    }
  });

  test('presetIgnore exempts files that match a code template but are no component', () => {
    assert.deepEqual(presetIgnore('typescript'), ['**/*.d.ts']);
    assert.deepEqual(presetIgnore('python'), ['**/__init__.py']);
    assert.deepEqual(presetIgnore('go'), ['vendor/**']);
    assert.deepEqual(presetIgnore('elixir-phoenix'), []);
  });

  test('each call returns fresh rules', () => {
    const a = presetRules('go', {});
    a[0]!.code = 'changed/{path}.go';
    assert.equal(presetRules('go', {})[0]!.code, '{path}.go');
  });
});

function pick(t: { design: string; test: string } | undefined) {
  return t && { design: t.design, test: t.test };
}
