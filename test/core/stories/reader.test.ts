import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadStories, readStory, storyFiles } from '../../../core/stories/reader.js';

const good = '---\nid: US-1\ntitle: Sign in\n---\n\nAs a visitor, I want to sign in so that I see my orders.\n\n## Acceptance criteria\n\n1. a wrong password is refused\n';
const rules = (text: string) => readStory(text, 'docs/stories/x.md', 'error').problems.map((p) => `${p.line ?? ''} ${p.message}`);

describe('stories', () => {
  test('a well-formed story is read with no problems', () => {
    assert.deepEqual(readStory(good, 'docs/stories/US-1.md', 'error'), { story: { id: 'US-1', title: 'Sign in', file: 'docs/stories/US-1.md' }, problems: [] });
  });

  test('missing id and title, a bad id, no narrative and no criteria are each located problems', () => {
    assert.deepEqual(rules('---\ntitle: T\n---\nhello\n'), [
      '1 the story has no "id" in its frontmatter (text)',
      '4 the story has no "As a … I want … so that …" sentence',
      '4 the story has no "Acceptance criteria" section with at least one list item',
    ]);
    assert.deepEqual(rules(good.replace('id: US-1', 'id: "US 1"')), ['2 the story id "US 1" is not a single word of letters, digits, "-", "_" or "."']);
  });

  test('criteria must be a list item under the Acceptance criteria heading, not under another', () => {
    const moved = good.replace('## Acceptance criteria\n\n1. a wrong', '## Acceptance criteria\n\nNone yet.\n\n## Notes\n\n- a wrong');
    assert.deepEqual(rules(moved).map((s) => s.slice(2)), ['the story has no "Acceptance criteria" section with at least one list item']);
  });

  test('unreadable frontmatter is a located story-shape problem', () => {
    const r = readStory('no frontmatter\n', 'docs/stories/x.md', 'warning');
    assert.equal(r.story, undefined);
    assert.deepEqual(r.problems.map((p) => [p.ruleId, p.severity, p.line]), [['story-shape', 'warning', 1]]);
  });

  test('storyFiles uses the config glob or docs/stories/*.md', () => {
    const files = ['docs/stories/US-1.md', 'docs/stories/deep/x.md', 'stories/a.md', 'README.md'];
    assert.deepEqual(storyFiles(undefined, files), ['docs/stories/US-1.md']);
    assert.deepEqual(storyFiles('stories/*.md', files), ['stories/a.md']);
  });

  test('loadStories maps ids to repository paths and reports an id used twice', async () => {
    const texts: Record<string, string> = { 'pkg/docs/stories/a.md': good, 'pkg/docs/stories/b.md': good };
    const r = await loadStories(['docs/stories/a.md', 'docs/stories/b.md'], 'pkg/', async (p) => texts[p], 'error');
    assert.deepEqual([...r.stories], [['US-1', 'pkg/docs/stories/a.md']]);
    assert.deepEqual(r.problems.map((p) => `${p.file} ${p.message}`), ['pkg/docs/stories/b.md the story id "US-1" is also used by pkg/docs/stories/a.md']);
  });
});
