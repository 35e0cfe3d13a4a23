import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { architectureMessages as m } from '../../../core/messages/architecture.js';

describe('architecture messages', () => {
  test('every sentence is non-empty text, and the builders put their arguments in', () => {
    for (const [key, value] of Object.entries(m)) {
      const text = typeof value === 'function' ? (value as (...a: unknown[]) => string)(...(['A', 'B', 'C', 'D'] as unknown[]).map((x) => Object.assign([x], { toString: () => String(x) }))) : value;
      assert.equal(typeof text, 'string', key);
      assert.ok(text.length > 10, key);
    }
    assert.equal(m.cycle(['a', 'b', 'a']), 'the contexts depend on each other in a cycle: a → b → a');
    assert.match(m.outsideArchitecture('d.md', 'lib/x.ex', 'lib/'), /would need a context owning lib\//);
  });
});
