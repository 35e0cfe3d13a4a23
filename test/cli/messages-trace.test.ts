import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { traceMessages as m } from '../../cli/messages-trace.js';

describe('trace messages', () => {
  test('every sentence is text, and the builders put their arguments in', () => {
    for (const [key, value] of Object.entries(m)) {
      if (Array.isArray(value)) continue;
      const text = typeof value === 'function' ? (value as (...a: string[]) => string)('design', 'ARG-1', 'ARG-2') : value;
      assert.equal(typeof text, 'string', key);
      assert.ok((text as string).length > 2, key);
    }
    assert.equal(m.badFormat('svg'), 'unknown trace format "svg" (known: text, json, markdown, mermaid)');
    assert.equal(m.noContext('US-3'), 'context: missing (no context serves US-3, and no design lists it)');
    assert.deepEqual([...m.header], ['Story', 'Context', 'Design', 'Code', 'Test']);
  });

  test('a scenario without a test names the scenario and where the design lists it', () => {
    assert.equal(m.scenarioWithoutTest('rejects tabs', 'docs/design/parser.md', 12), 'no test for the scenario "rejects tabs" (docs/design/parser.md:12)');
  });

  test('a file label names its state unless it is present', () => {
    assert.equal(m.fileLabel('lib/a.ex', 'present'), 'lib/a.ex');
    assert.equal(m.fileLabel('test/a_test.exs', 'untested'), 'test/a_test.exs (untested)');
  });
});
