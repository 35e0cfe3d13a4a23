import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { renderStory } from '../../../core/stories/template.js';
import { readStory } from '../../../core/stories/reader.js';

describe('renderStory', () => {
  test('a new story passes the story shape rules, even with a title that YAML would misread', () => {
    const text = renderStory('US-7', 'Refunds: partial #2');
    const r = readStory(text, 'docs/stories/US-7.md', 'error');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.story, { id: 'US-7', title: 'Refunds: partial #2', file: 'docs/stories/US-7.md' });
  });
});
