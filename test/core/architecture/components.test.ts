import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { componentId, componentIndex, designRoot } from '../../../core/architecture/components.js';
import { compileMapping } from '../../../core/mapping.js';

const rules = [
  { code: 'core/{path}.ts', design: 'docs/design/core/{path}.md', test: 'test/core/{path}.test.ts' },
  { code: 'cli/{path}.ts', design: 'docs/design/cli/{path}.md', test: 'test/cli/{path}.test.ts' },
];

describe('component ids', () => {
  test('the shared design folder and the extension are left out, as our own depends_on write them', () => {
    assert.equal(designRoot(rules), 'docs/design/');
    assert.equal(designRoot([{ design: 'docs/design/{path}.md' }]), 'docs/design/');
    assert.equal(designRoot([]), '');
    assert.equal(componentId('docs/design/core/errors.md', 'docs/design/'), 'core/errors');
  });

  test('the index holds components whose code or design exists, not test files', () => {
    const index = componentIndex(compileMapping(rules), ['core/a.ts', 'docs/design/cli/b.md', 'test/core/c.test.ts']);
    assert.deepEqual([...index.entries()], [
      ['core/a', { code: 'core/a.ts', design: 'docs/design/core/a.md' }],
      ['cli/b', { code: 'cli/b.ts', design: 'docs/design/cli/b.md' }],
    ]);
  });
});
