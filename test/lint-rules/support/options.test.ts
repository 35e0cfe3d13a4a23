import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyFiles,
  compileClassifier,
  componentId,
  designRoot,
  gatherFacts,
  optionsFromConfig,
  storyId,
} from '../../../lint-rules/support/options.js';
import type { DesignConfig } from '../../../core/config/types.js';

const rules = [
  { code: 'core/{path}.ts', design: 'docs/design/core/{path}.md', test: 'test/core/{path}.test.ts' },
  { code: 'cli/{path}.ts', design: 'docs/design/cli/{path}.md', test: 'test/cli/{path}.test.ts', type: 'cli' },
];

describe('component and story ids', () => {
  test('the design root is the folder every design template shares', () => {
    assert.equal(designRoot(rules), 'docs/design/');
    assert.equal(designRoot([{ design: 'docs/design/{path}.md' }]), 'docs/design/');
    assert.equal(designRoot([{ design: 'docs/{path}.md' }, { design: 'design/{path}.md' }]), '');
    assert.equal(designRoot([{ design: 'docs/design-a/{path}.md' }, { design: 'docs/design-b/{path}.md' }]), 'docs/');
    assert.equal(designRoot([]), '');
  });

  test('a component id is the design path without the design root and extension', () => {
    assert.equal(componentId('docs/design/core/errors.md', 'docs/design/'), 'core/errors');
    assert.equal(componentId('docs/design/sessions/repository.md', 'docs/design/'), 'sessions/repository');
    assert.equal(componentId('README', ''), 'README');
  });

  test('a story id is its frontmatter id, else its file name', () => {
    assert.equal(storyId('docs/stories/US-3.md', undefined), 'US-3');
    assert.equal(storyId('docs/stories/login.md', { id: ' US-7 ' }), 'US-7');
    assert.equal(storyId('docs/stories/login.md', { id: 7 }), 'login');
    assert.equal(storyId('stories/plain', {}), 'plain');
  });
});

describe('classifying files', () => {
  const options = { components: rules, ignore: ['**/skip.md'], architecture: 'docs/architecture.md', stories: 'docs/stories/*.md' };

  test('designs (with their rule type), the architecture, stories, and the rest', () => {
    const classify = compileClassifier(options);
    assert.deepEqual(classify('docs/design/core/errors.md'), { kind: 'design' });
    assert.deepEqual(classify('docs/design/cli/main.md'), { kind: 'design', ruleType: 'cli' });
    assert.deepEqual(classify('docs/architecture.md'), { kind: 'architecture' });
    assert.deepEqual(classify('docs/stories/US-1.md'), { kind: 'story' });
    assert.equal(classify('docs/stories/deeper/US-1.md'), undefined);
    assert.equal(classify('README.md'), undefined);
    assert.equal(classify('docs/design/core/skip.md'), undefined);
    assert.equal(classify('docs/design/other/a.md'), undefined);
  });

  test('without component rules every file is a design (bare preset, fixtures)', () => {
    assert.deepEqual(compileClassifier({})('anything.md'), { kind: 'design' });
  });

  test('a malformed template is a CONFIG error when the classifier is built', () => {
    assert.throws(() => compileClassifier({ components: [{ code: 'a', design: 'docs/x.md', test: 't' }] }), { code: 'CONFIG' });
  });

  test('classifyFiles splits and sorts a file list', () => {
    const files = ['src/a.ts', 'docs/stories/US-2.md', 'docs/design/core/b.md', 'docs/architecture.md', 'docs/design/core/a.md', 'docs/stories/US-1.md'];
    assert.deepEqual(classifyFiles(options, files), {
      designs: ['docs/design/core/a.md', 'docs/design/core/b.md'],
      stories: ['docs/stories/US-1.md', 'docs/stories/US-2.md'],
      architecture: ['docs/architecture.md'],
    });
  });
});

describe('options from a config and the facts in the files', () => {
  const config = {
    root: '/repo/pkg',
    types: { module: { sections: ['Purpose'], guidance: {} } },
    defaultType: 'module',
    components: rules,
    ignore: [],
    stories: 'docs/stories/*.md',
    gates: { approval: 'warn', completeness: 'error', architecture: 'warn', alignment: 'warn' },
  } satisfies Partial<DesignConfig>;

  test('optionsFromConfig carries the config facts and leaves out what is unknown', () => {
    const options = optionsFromConfig(config, { repoPrefix: 'pkg/' });
    assert.deepEqual(options, {
      root: '/repo/pkg',
      repoPrefix: 'pkg/',
      types: config.types,
      defaultType: 'module',
      components: rules,
      ignore: [],
      gates: config.gates,
      stories: 'docs/stories/*.md',
    });
    assert.equal('knownStories' in options, false);
  });

  test('gatherFacts reads stories frontmatter-only and lists the components with a design or code', async () => {
    const texts: Record<string, string> = {
      'docs/stories/login.md': '---\nid: US-1\n---\n# Log in\n',
      'docs/stories/US-2.md': '# no frontmatter\n',
      'docs/stories/broken.md': '---\nid: [\n---\n',
    };
    const read: string[] = [];
    const files = [...Object.keys(texts), 'docs/design/core/a.md', 'docs/design/cli/main.md', 'core/a.ts', 'core/types.ts', 'test/core/orphan.test.ts'];
    const facts = await gatherFacts({ ...config, ignore: ['**/types.ts'] }, files, async (p) => {
      read.push(p);
      return texts[p];
    });
    assert.deepEqual(facts, { knownStories: ['US-1', 'US-2', 'broken'], knownComponents: ['cli/main', 'core/a', 'core/types'] });
    assert.deepEqual(read.sort(), Object.keys(texts).sort(), 'only the stories are read');
  });

  test('with no stories or no designs in the files, the list is left out and its rule is off', async () => {
    assert.deepEqual(await gatherFacts(config, ['README.md', 'test/core/a.test.ts'], async () => undefined), {});
  });
});
