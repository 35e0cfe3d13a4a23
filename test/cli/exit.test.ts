import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXIT, exitCodeFor } from '../../cli/exit.js';
import type { ErrorCode } from '../../core/errors.js';

// A Record over the union: a new ErrorCode without an entry here fails the type check.
const expected: Record<ErrorCode, number> = {
  USAGE: 2,
  CONFIG: 2,
  FRONTMATTER: 1,
  GIT: 2,
  IO: 2,
  ESCALATED: 3,
};

test('EXIT holds the exit codes of PRODUCT.md', () => {
  assert.deepEqual({ ...EXIT }, { ok: 0, gateFailed: 1, usage: 2, escalated: 3 });
});

test('every ErrorCode maps to its exit code', () => {
  for (const [code, exit] of Object.entries(expected)) {
    assert.equal(exitCodeFor(code as ErrorCode), exit, code);
  }
});

test('no error maps to success', () => {
  for (const code of Object.keys(expected)) assert.notEqual(exitCodeFor(code as ErrorCode), EXIT.ok);
});
