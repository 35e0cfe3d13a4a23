import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { frontmatterMessages as m } from '../../../core/messages/frontmatter.js';

/** Calls a message function with sample arguments of the right kinds. */
function render(name: string, entry: unknown): string {
  if (typeof entry === 'string') return entry;
  assert.equal(typeof entry, 'function', name);
  const fn = entry as (...args: unknown[]) => unknown;
  const args = Array.from({ length: fn.length }, (_, i) => (name.toLowerCase().includes('large') || name === 'unterminatedFix' || name === 'tooDeep' ? 1000 + i : `arg${i}`));
  const out = fn(...args);
  assert.equal(typeof out, 'string', name);
  return out as string;
}

describe('frontmatterMessages', () => {
  test('every entry is one line of text without a trailing period', () => {
    const names = Object.keys(m);
    assert.ok(names.length > 20);
    for (const name of names) {
      const text = render(name, (m as Record<string, unknown>)[name]);
      assert.ok(text.length > 0, name);
      assert.ok(!text.includes('\n'), `${name} is one line`);
      assert.ok(!text.endsWith('.'), `${name} has no trailing period`);
    }
  });

  test('sentences that take a value include it', () => {
    assert.equal(m.tag('!!binary'), 'tags are not allowed in frontmatter: `!!binary`');
    assert.equal(m.duplicateKey('approval'), "duplicate key 'approval'");
    assert.match(m.notFinite('.inf'), /\.inf/);
    assert.match(m.yamlTooLarge(70000, 65536), /70000 bytes, over the 65536-byte limit/);
    assert.match(m.documentTooLarge(1048576), /1048576-byte limit/);
    assert.match(m.tooDeep(32), /more than 32 levels/);
    assert.equal(m.unreadable('docs/design/a.md'), 'docs/design/a.md: the frontmatter cannot be read');
  });

  test('the fix for an unterminated block says what to add and where', () => {
    assert.equal(m.unterminatedFix(7), 'add a line containing only `---` after line 7, where the frontmatter ends');
  });

  test('the alias sentence reads as the research asks', () => {
    assert.match(m.alias, /^aliases are not allowed/);
  });
});
