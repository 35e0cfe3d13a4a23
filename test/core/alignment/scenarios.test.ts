import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readScenarios } from '../../../core/alignment/scenarios.js';

const doc = (...body: string[]) => ['---', 'type: module', 'status: draft', '---', '', ...body, ''].join('\n');

describe('readScenarios', () => {
  test('list items of the section with their file lines, after the frontmatter', () => {
    const text = doc('## Purpose', '- not a scenario', '', '## Test Scenarios', '- reads it', '* writes it', '+ deletes it');
    assert.deepEqual(readScenarios(text), [
      { text: 'reads it', line: 10 },
      { text: 'writes it', line: 11 },
      { text: 'deletes it', line: 12 },
    ]);
  });

  test('continuation lines join the item; nested items and paragraphs are not scenarios', () => {
    const text = doc('## Test Scenarios', 'Intro paragraph.', '', '- reads the config', '  with CRLF line endings', '  - a detail, not a scenario', '', 'Closing words.', '- second');
    assert.deepEqual(readScenarios(text), [
      { text: 'reads the config with CRLF line endings', line: 9 },
      { text: 'second', line: 14 },
    ]);
  });

  test('ordered items, task boxes, links and code spans', () => {
    const text = doc('## Test Scenarios', '1. `check --staged` refuses', '2) [ ] see [the rule](docs/rules.md#x) apply', '- [x] done');
    assert.deepEqual(readScenarios(text)?.map((s) => s.text), ['check --staged refuses', 'see the rule apply', 'done']);
  });

  test('a heading inside a fenced code block does not end the section, and list items in the fence are not scenarios', () => {
    const text = doc('## Test Scenarios', '- first', '```md', '## Not a heading', '- not an item', '```', '- second');
    assert.deepEqual(readScenarios(text), [
      { text: 'first', line: 7 },
      { text: 'second', line: 12 },
    ]);
  });

  test('the section ends at the next H1 or H2; case and spacing of the heading are tolerated', () => {
    const text = doc('##  test   scenarios ##', '- one', '### Edge cases', '- two', '## Notes', '- not a scenario', '# Title', '- nor this');
    assert.deepEqual(readScenarios(text)?.map((s) => s.text), ['one', 'two']);
  });

  test('no section, or frontmatter that cannot be split: undefined', () => {
    assert.equal(readScenarios(doc('## Purpose', '- x')), undefined);
    assert.equal(readScenarios('---\ntype: module\n## Test Scenarios\n- x\n'), undefined);
    assert.deepEqual(readScenarios(doc('## Test Scenarios')), []);
  });
});
