import { test } from 'node:test';
import assert from 'node:assert/strict';
import { structureMessages as m } from '../../../core/messages/structure.js';

test('unreadableFix names the design and the lint command', () => {
  assert.equal(m.unreadableFix('docs/design/a.md'), 'fix the frontmatter of docs/design/a.md (see `designgate lint docs/design/a.md`)');
});

test('unknownType lists the known types comma-separated', () => {
  assert.equal(m.unknownType('widget', ['module', 'service']), "unknown component type 'widget' (known: module, service)");
});

test('unknownTypeFix names the config file', () => {
  assert.equal(m.unknownTypeFix('packages/a/.designrc.json'), 'use one of the known types, or add the type under "types" in packages/a/.designrc.json');
});

test('every message is one line', () => {
  for (const text of [m.unreadableFix('a'), m.unknownType('t', ['a']), m.unknownTypeFix('f')]) assert.ok(!text.includes('\n'));
});
