import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { designCandidates, designRoot, gatherCodeContext, sectionText } from '../../generators/context.js';
import { defaultComponentTypes } from '../../core/config/component-types.js';

describe('sectionText', () => {
  test('the text under an H2 up to the next H1/H2, ignoring headings in code fences', () => {
    const body = '# T\n## Purpose\np\n## Public API\n- `f()`\n```md\n## Not a heading\n```\n### Sub\ns\n## Dependencies\nd\n';
    assert.equal(sectionText(body, 'Public API'), '- `f()`\n```md\n## Not a heading\n```\n### Sub\ns');
    assert.equal(sectionText(body, 'public api'), sectionText(body, 'Public API'));
    assert.equal(sectionText(body, 'Missing'), undefined);
    assert.equal(sectionText('## Public API\nlast', 'Public API'), 'last');
  });
});

describe('component ids', () => {
  const config = { components: [{ code: 'core/{path}.ts', design: 'docs/design/core/{path}.md', test: 't/{path}' }, { code: 'cli/{path}.ts', design: 'docs/design/cli/{path}.md', test: 't2/{path}' }] };
  test('the shared design folder, and an id\'s design path', () => {
    assert.equal(designRoot(config), 'docs/design/');
    assert.deepEqual(designCandidates(config, 'core/errors'), ['docs/design/core/errors.md']);
    assert.equal(designRoot({ components: [] }), '');
  });
});

describe('gatherCodeContext', () => {
  test('the type, its sections, and only the Public API of each dependency', async () => {
    const files: Record<string, string> = {
      'pkg/docs/design/base.md': '---\ntype: module\nstatus: draft\n---\n## Purpose\nsecret internals\n## Public API\n- `ZERO`\n',
      'pkg/docs/design/noapi.md': '---\ntype: module\nstatus: draft\n---\n## Purpose\nx\n',
    };
    const ctx = await gatherCodeContext({
      config: { components: [{ code: 'src/{path}.js', design: 'docs/design/{path}.md', test: 'test/{path}.js' }], types: defaultComponentTypes, defaultType: 'module' },
      prefix: 'pkg/',
      rule: 0,
      designPath: 'pkg/docs/design/add.md',
      designText: '---\ntype: module\ndepends_on: [base, noapi, gone, base]\nstatus: draft\n---\n',
      read: async (p) => files[p],
    });
    assert.equal(ctx.type, 'module');
    assert.deepEqual(ctx.sections, defaultComponentTypes['module']!.sections);
    assert.deepEqual(ctx.dependencies, [
      { id: 'base', designPath: 'pkg/docs/design/base.md', api: '- `ZERO`' },
      { id: 'noapi', designPath: 'pkg/docs/design/noapi.md' },
      { id: 'gone' },
    ]);
  });
});
