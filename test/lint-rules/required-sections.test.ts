import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../lint-rules/required-sections.js';
import { defaultComponentTypes } from '../../core/config/component-types.js';
import { design, lintWith, run } from './helpers.js';

const types = {
  module: { sections: ['Purpose', 'Public API', 'Test Scenarios'], guidance: { Purpose: 'Why it exists.', 'Public API': 'What it exports.' } },
};
const lint = (text: string, options: object = { types }, path?: string) => lintWith(rule, options, text, path);
const ORDER = 'expected the sections `Purpose`, `Public API`, `Test Scenarios` in this order';
const fm = 'type: module\nstatus: draft';

describe('required-sections', () => {
  test('all sections, in order, written: passes; sections of your own may go anywhere', async () => {
    assert.deepEqual(await lint(design(fm, '\n# T\n\nIntro.\n\n## Background\n\nB.\n\n## Purpose\n\nP.\n\n## Public API\n\n### f()\n\nA.\n\n## Notes\n\nN.\n\n## Test Scenarios\n\n- t\n')), []);
  });

  test('a missing section is reported where it belongs, with the heading to insert as the fix', async () => {
    const file = await run([[rule, ['error', { types }]]], design(fm, '\n## Purpose\n\nP.\n\n## Test Scenarios\n\n- t\n'));
    assert.deepEqual(file.messages.map((m) => [m.line, m.column, m.reason, m.expected]), [
      [10, 1, `Unexpected missing section \`## Public API\`, ${ORDER}`, ['## Public API\n\n']],
    ]);
  });

  test('sections missing at the end are reported at the end of the document', async () => {
    assert.deepEqual(await lint(design(fm, '\n## Purpose\n\nP.\n')), [
      `9:1: Unexpected missing section \`## Public API\`, ${ORDER}`,
      `9:1: Unexpected missing section \`## Test Scenarios\`, ${ORDER}`,
    ]);
  });

  test('a section out of order, a repeated one and a misspelt one', async () => {
    assert.deepEqual(await lint(design(fm, '\n## Public API\n\nA.\n\n## Purpose\n\nP.\n\n## purpose\n\nQ.\n\n## Test  Scenarios\n\n- t\n')), [
      `10:1-10:11: Unexpected section \`## Purpose\` after \`## Public API\`, ${ORDER}`,
      '14:1-14:11: Unexpected second section `## Purpose`, expected each section once',
      '14:1-14:11: Unexpected section heading `## purpose`, expected `## Purpose`',
    ]);
  });

  test('an empty section, one holding only comments, and one holding only the guidance line', async () => {
    assert.deepEqual(await lint(design(fm, '\n## Purpose\n\nWhy it exists.\n\n## Public API\n\n<!-- later -->\n\n## Test Scenarios\n')), [
      '6:1-6:11: Unexpected empty section `## Purpose` (it holds only the template\'s guidance), expected your own text: Why it exists.',
      '10:1-10:14: Unexpected empty section `## Public API`, expected its content (What it exports.)',
      '14:1-14:18: Unexpected empty section `## Test Scenarios`, expected its content',
    ]);
  });

  test('guidance plus text of your own, or sub-sections, count as written', async () => {
    assert.deepEqual(await lint(design(fm, '\n## Purpose\n\nWhy it exists.\n\nBecause.\n\n## Public API\n\n### save()\n\n## Test Scenarios\n\n- t\n')), []);
  });

  test('headings inside the frontmatter area, lists or quotes are not sections', async () => {
    assert.deepEqual(await lint(design(fm, '\n> ## Purpose\n\n## Purpose\n\nP.\n\n## Public API\n\nA.\n\n## Test Scenarios\n\n- ## Purpose\n')), []);
  });

  test('the type comes from the frontmatter, else the mapping rule, else defaultType', async () => {
    const options = {
      types: { ...types, tiny: { sections: ['Purpose'], guidance: {} } },
      components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts', type: 'tiny' }],
    };
    const body = '\n## Purpose\n\nP.\n';
    assert.deepEqual(await lint(design('status: draft', body), options, 'docs/design/a.md'), []);
    assert.equal((await lint(design('type: module\nstatus: draft', body), options, 'docs/design/a.md')).length, 2);
    assert.deepEqual(await lint(design('status: draft', body), { types: options.types, defaultType: 'tiny' }), []);
    assert.equal((await lint(design('status: draft', body), { types })).length, 2);
  });

  test('an unknown type, unreadable frontmatter or a non-design file: nothing to check against', async () => {
    assert.deepEqual(await lint(design('type: widget\nstatus: draft', '\n')), []);
    assert.deepEqual(await lint('# no frontmatter\n'), []);
    assert.deepEqual(await lint(design('type: module\ntype: module', '\n')), []);
  });

  test('without configured types the built-in ones apply', async () => {
    const messages = await lintWith(rule, {}, design('type: cli\nstatus: draft', '\n'));
    assert.deepEqual(messages.length, defaultComponentTypes['cli']!.sections.length);
  });
});
