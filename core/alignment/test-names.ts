/**
 * Chooses the reader of test names by the test file's name, so one gate serves every preset:
 * node:test/Jest/Vitest, ExUnit, pytest and Go. A test file of another kind is not judged.
 */
import { readExUnitTests } from './exunit.js';
import { readGoTests } from './go.js';
import type { TestCase } from './match.js';
import { readPytestTests } from './pytest.js';
import { readTypeScriptTests } from './typescript.js';

/**
 * @example readTestNames('tests/a_test.py', 'def test_reads():\n    pass\n') // [{ path: ['reads'], line: 1 }]
 */
export function readTestNames(path: string, text: string): TestCase[] | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/\.[cm]?[jt]sx?$/.test(name)) return readTypeScriptTests(text, name);
  if (/\.exs?$/.test(name)) return readExUnitTests(text);
  if (name.endsWith('.py')) return readPytestTests(text);
  if (name.endsWith('.go')) return readGoTests(text);
  return undefined;
}
