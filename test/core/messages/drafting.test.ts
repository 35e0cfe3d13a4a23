import { test } from 'node:test';
import assert from 'node:assert/strict';
import { draftingMessages as m } from '../../../core/messages/drafting.js';

/** One sample of each cause a user sees as `designgate: <cause>`. */
const causes = [
  m.duplicateContext('core'),
  m.noConfigFor('packages/a'),
  m.architectureExists('docs/architecture.md', 'approved'),
  m.architectureEscalated('docs/architecture.md', 3),
  m.unknownContext('web', 'docs/architecture.md', ['core']),
  m.noArchitectureForContext('core', 'docs/architecture.md'),
  m.emptyContext('core', ['core/']),
  m.codeMissing('src/a.mjs'),
  m.reverseDesignExists('docs/design/a.md'),
];
const fixes = [m.noConfigForFix, m.architectureExistsFix, m.unknownContextFix, m.noArchitectureForContextFix, m.emptyContextFix('core'), m.codeMissingFix, m.reverseDesignExistsFix('docs/design/a.md')];

test('causes are one line; none ends with a full stop', () => {
  for (const text of causes) {
    assert.ok(!text.includes('\n'), text);
    assert.ok(!text.endsWith('.'), text);
  }
});

test('every fix names a command, a flag or the file to change', () => {
  for (const text of fixes) assert.match(text, /`[^`]+`|\.designrc\.json|--revise|frontmatter/, text);
});

test('the architecture refusal says its state; the context error lists the contexts there are', () => {
  assert.match(m.architectureExists('docs/architecture.md', 'approved'), /already exists and is approved/);
  assert.match(m.architectureExists('docs/architecture.md', 'stale'), /its approval is stale/);
  assert.match(m.architectureExists('docs/architecture.md', 'draft'), /as a draft/);
  assert.equal(m.unknownContext('web', 'docs/architecture.md', ['core', 'cli']), 'web is neither a code file, a design document nor a context of docs/architecture.md (its contexts: core, cli)');
  assert.equal(m.codeFiles(1), '1 code file');
  assert.equal(m.codeFiles(2), '2 code files');
});
