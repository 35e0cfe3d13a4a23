import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../lint-rules/known-stories.js';
import { design, lintWith, run } from './helpers.js';

const knownStories = ['US-1', 'US-2', 'US-10'];

describe('known-stories', () => {
  test('stories that exist pass; no stories at all pass', async () => {
    assert.deepEqual(await lintWith(rule, { knownStories }, design('type: module\nstatus: draft\nstories: [US-1, US-10]')), []);
    assert.deepEqual(await lintWith(rule, { knownStories }, design('type: module\nstatus: draft')), []);
  });

  test('an unknown story is reported on its entry, block or flow style', async () => {
    assert.deepEqual(await lintWith(rule, { knownStories }, design('type: module\nstatus: draft\nstories:\n  - US-1\n  - "US-99"')), [
      '6:5-6:12: Unexpected unknown story `US-99`, expected the id of a story that exists',
    ]);
  });

  test('a near miss offers the story it most likely meant; a tie offers none', async () => {
    const file = await run([[rule, ['error', { knownStories }]]], design('type: module\nstatus: draft\nstories: [us-10, US-3]'));
    assert.deepEqual(file.messages.map((m) => [m.line, m.column, m.reason, m.expected]), [
      [4, 11, 'Unexpected unknown story `us-10`, expected `US-10`', ['US-10']],
      [4, 18, 'Unexpected unknown story `US-3`, expected the id of a story that exists', undefined],
    ]);
  });

  test('inactive without the list of stories (the repository has none, or the editor was not told)', async () => {
    assert.deepEqual(await lintWith(rule, {}, design('type: module\nstatus: draft\nstories: [US-404]')), []);
  });

  test('not-a-list and non-string entries are frontmatter-schema\'s; other documents are not judged', async () => {
    assert.deepEqual(await lintWith(rule, { knownStories }, design('type: module\nstatus: draft\nstories: US-404')), []);
    assert.deepEqual(await lintWith(rule, { knownStories }, design('type: module\nstatus: draft\nstories: [3]')), []);
    const options = { knownStories, components: [], architecture: 'docs/architecture.md' };
    assert.deepEqual(await lintWith(rule, options, design('stories: [US-404]'), 'docs/architecture.md'), []);
  });
});
