import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newStory, storyFolder } from '../../cli/new-story.js';
import { readStory } from '../../core/stories/reader.js';
import { isDesignGateError } from '../../core/errors.js';
import { gitEnv, makeRepo, type TempRepo } from '../helpers/repo.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));
const rules = { components: [{ code: 'lib/{path}.ex', design: 'docs/design/{path}.md', test: 'test/{path}_test.exs' }] };

function io(cwd: string) {
  const out: string[] = [];
  return { out, io: { cwd, env: gitEnv(), stdout: (t: string) => void out.push(t) } };
}

describe('new story', () => {
  test('storyFolder takes the folder of a "<folder>/*.md" glob, else docs/stories/', () => {
    assert.equal(storyFolder(undefined), 'docs/stories/');
    assert.equal(storyFolder('stories/*.md'), 'stories/');
    assert.equal(storyFolder('**/*.story.md'), 'docs/stories/');
  });

  test('writes a story that passes the shape rules into the nearest config\'s folder, and never overwrites', async () => {
    const r = makeRepo({ '.designrc.json': JSON.stringify(rules), 'pkg/.designrc.json': JSON.stringify({ ...rules, stories: 'stories/*.md' }) });
    repos.push(r);
    const run = io(join(r.dir, 'pkg'));
    assert.equal(await newStory(run.io, ['US-3', 'Pay', 'by', 'card']), 0);
    assert.match(run.out.join(''), /^wrote pkg\/stories\/US-3\.md\n/);
    const text = readFileSync(join(r.dir, 'pkg/stories/US-3.md'), 'utf8');
    assert.deepEqual(readStory(text, 'pkg/stories/US-3.md', 'error').story, { id: 'US-3', title: 'Pay by card', file: 'pkg/stories/US-3.md' });
    await assert.rejects(newStory(run.io, ['US-3', 'Other']), (e) => isDesignGateError(e) && e.code === 'USAGE' && /never overwrites/.test(e.message));
    assert.equal(readFileSync(join(r.dir, 'pkg/stories/US-3.md'), 'utf8'), text);
  });

  test('an id that is not a single word, or a missing title, is a usage error', async () => {
    const r = makeRepo({ '.designrc.json': JSON.stringify(rules) });
    repos.push(r);
    for (const args of [[], ['US-1'], ['../x', 'T'], ['a b', 'T']]) {
      await assert.rejects(newStory(io(r.dir).io, args), (e) => isDesignGateError(e) && e.code === 'USAGE');
    }
  });
});
