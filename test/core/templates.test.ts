import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderDraft } from '../../core/templates.js';
import { readFrontmatter } from '../../core/frontmatter.js';

const template = {
  sections: ['Purpose', 'Public API', 'Error Handling'],
  guidance: { Purpose: 'One paragraph: why it exists.', 'Public API': 'Each function with its signature.' },
};

test('the exact draft: frontmatter, title, sections with their guidance', () => {
  assert.equal(
    renderDraft({ type: 'service', template, codePath: 'lib/my_app/sessions/orchestrator.ex' }),
    [
      '---',
      'type: service',
      'status: draft',
      'stories: []',
      'depends_on: []',
      '---',
      '',
      '# lib/my_app/sessions/orchestrator.ex',
      '',
      '## Purpose',
      '',
      'One paragraph: why it exists.',
      '',
      '## Public API',
      '',
      'Each function with its signature.',
      '',
      '## Error Handling',
      '',
    ].join('\n'),
  );
});

test('sections keep the template order', () => {
  const text = renderDraft({ type: 'x', template: { sections: ['Zeta', 'Alpha', 'Mid'], guidance: {} }, codePath: 'a.go' });
  const headings = text.split('\n').filter((l) => l.startsWith('## '));
  assert.deepEqual(headings, ['## Zeta', '## Alpha', '## Mid']);
});

test('a type without sections gives frontmatter and title only', () => {
  assert.equal(renderDraft({ type: 'bare', template: { sections: [], guidance: {} }, codePath: 'src/a.ts' }), '---\ntype: bare\nstatus: draft\nstories: []\ndepends_on: []\n---\n\n# src/a.ts\n');
});

test('the draft reads back with the strict frontmatter reader', () => {
  const doc = readFrontmatter(renderDraft({ type: 'module', template, codePath: 'src/a.ts' }), 'docs/design/a.md');
  assert.deepEqual(doc.data, { type: 'module', status: 'draft', stories: [], depends_on: [] });
  assert.match(doc.body, /^\n# src\/a\.ts\n\n## Purpose\n/);
});
