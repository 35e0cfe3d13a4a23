/** Finding the governing config through a snapshot reader, and what each path is to it. */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { DesignGateError } from '../../../core/errors.js';
import { classifyIn, classifyPath, configLocator, designScopes, isDesignPath, parentOf } from '../../../core/verify/governing.js';

const root = JSON.stringify({
  components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }],
  ignore: ['src/generated/**'],
  architecture: 'docs/architecture.md',
  stories: 'docs/stories/*.md',
});
const pkg = JSON.stringify({ components: [{ code: 'lib/{path}.ex', design: 'design/{path}.md', test: 'test/{path}_test.exs' }] });

function snapshot(files: Record<string, string>) {
  const reads: string[] = [];
  const read = async (p: string) => {
    reads.push(p);
    return files[p] === undefined ? undefined : Buffer.from(files[p]);
  };
  return { locate: configLocator('/repo', read), reads };
}

describe('configLocator', () => {
  test('the nearest .designrc.json of the snapshot governs, each folder read once', async () => {
    const { locate, reads } = snapshot({ '.designrc.json': root, 'packages/a/.designrc.json': pkg });
    assert.equal((await locate('src/x.ts'))?.configPath, '.designrc.json');
    const a = await locate('packages/a/lib/x.ex');
    assert.equal(a?.configPath, 'packages/a/.designrc.json');
    assert.equal(a?.prefix, 'packages/a/');
    assert.equal((await locate('packages/b/x.ts'))?.configPath, '.designrc.json');
    await locate('packages/a/lib/y.ex');
    assert.equal(reads.filter((p) => p === 'packages/a/.designrc.json').length, 1);
  });

  test('the same config text at the same place is one Governing across locators (parsed once); another text is another', async () => {
    const base = await snapshot({ '.designrc.json': root }).locate('src/x.ts');
    const head = await snapshot({ '.designrc.json': root }).locate('src/y.ts');
    assert.ok(base !== undefined);
    assert.equal(head, base);
    const changed = await snapshot({ '.designrc.json': root.replace('src/generated/**', 'src/gen/**') }).locate('src/x.ts');
    assert.notEqual(changed, base);
    assert.equal(changed?.ignored('src/gen/a.ts'), true);
    assert.equal(base.ignored('src/gen/a.ts'), false);
  });

  test('no config anywhere: undefined; a broken config: its CONFIG error', async () => {
    assert.equal(await snapshot({}).locate('src/a.ts'), undefined);
    await assert.rejects(snapshot({ '.designrc.json': '{ "components": 3 }' }).locate('src/a.ts'), (e: unknown) => e instanceof DesignGateError && e.code === 'CONFIG');
  });
});

describe('classifyPath', () => {
  test('code, test, design, architecture and story; repository-relative triples in a package', async () => {
    const { locate } = snapshot({ '.designrc.json': root, 'packages/a/.designrc.json': pkg });
    assert.equal((await classifyPath(locate, 'src/x.ts'))?.role, 'code');
    assert.equal((await classifyPath(locate, 'test/x.test.ts'))?.role, 'test');
    assert.equal((await classifyPath(locate, 'docs/design/x.md'))?.role, 'design');
    assert.equal((await classifyPath(locate, 'docs/architecture.md'))?.role, 'architecture');
    assert.equal((await classifyPath(locate, 'docs/stories/US-1.md'))?.role, 'story');
    const hit = await classifyPath(locate, 'packages/a/lib/s/o.ex');
    assert.deepEqual(hit?.triple, { rule: 0, path: 's/o', code: 'packages/a/lib/s/o.ex', design: 'packages/a/design/s/o.md', test: 'packages/a/test/s/o_test.exs' });
  });

  test('ignored, unmapped and ungoverned paths are nobody\'s business', async () => {
    const { locate } = snapshot({ '.designrc.json': root });
    for (const p of ['src/generated/x.ts', 'README.md', 'src/x.js']) assert.equal(await classifyPath(locate, p), undefined, p);
    assert.equal(await classifyPath(snapshot({}).locate, 'src/x.ts'), undefined);
    const g = (await locate('src/x.ts'))!;
    assert.equal(classifyIn({ ...g, prefix: 'other/' }, 'src/x.ts'), undefined);
  });

  test('each path is classified once per config: verify asks again for every commit', async () => {
    const { locate } = snapshot({ '.designrc.json': root });
    const g = (await locate('src/x.ts'))!;
    const first = classifyIn(g, 'src/x.ts');
    assert.equal(classifyIn(g, 'src/x.ts'), first);
    assert.equal(classifyIn(g, 'README.md'), undefined);
    // Another config (a copy) answers for itself.
    const other = { ...g, prefix: 'other/' };
    assert.equal(classifyIn(other, 'src/x.ts'), undefined);
    assert.equal(classifyIn(g, 'src/x.ts')?.role, 'code');
  });

  test('isDesignPath: designs and the architecture', async () => {
    const { locate } = snapshot({ '.designrc.json': root });
    assert.equal(await isDesignPath(locate, 'docs/design/x.md'), true);
    assert.equal(await isDesignPath(locate, 'docs/architecture.md'), true);
    assert.equal(await isDesignPath(locate, 'src/x.ts'), false);
  });
});

describe('designScopes and parentOf', () => {
  test('the folders holding designs and the architecture, repository-relative', async () => {
    const { locate } = snapshot({ '.designrc.json': root, 'packages/a/.designrc.json': pkg });
    assert.deepEqual(designScopes((await locate('src/x.ts'))!), ['docs/design', 'docs']);
    // Without an `architecture` key the default docs/architecture.md is the architecture (see config/load).
    assert.deepEqual(designScopes((await locate('packages/a/x'))!), ['packages/a/design', 'packages/a/docs']);
    assert.equal(parentOf('a/b/c.md'), 'a/b');
    assert.equal(parentOf('c.md'), '');
  });
});
