import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../lint-rules/known-dependencies.js';
import { design, lintWith, run } from './helpers.js';

const knownComponents = ['core/errors', 'core/digest', 'sessions/repository'];

describe('known-dependencies', () => {
  test('dependencies on components that exist pass', async () => {
    assert.deepEqual(await lintWith(rule, { knownComponents }, design('type: module\nstatus: draft\ndepends_on: [core/errors, sessions/repository]')), []);
  });

  test('an unknown component is reported on its entry, with a near miss as the fix', async () => {
    const file = await run([[rule, ['error', { knownComponents }]]], design('type: module\nstatus: draft\ndepends_on:\n  - core/eror\n  - agents/runner'));
    assert.deepEqual(file.messages.map((m) => [m.line, m.column, m.reason, m.expected]), [
      [5, 5, 'Unexpected unknown component `core/eror` in `depends_on`, expected `core/errors`', ['core/errors']],
      [6, 5, 'Unexpected unknown component `agents/runner` in `depends_on`, expected a component of this repository (a design or a code file)', undefined],
    ]);
  });

  test('inactive without the list of components', async () => {
    assert.deepEqual(await lintWith(rule, {}, design('type: module\nstatus: draft\ndepends_on: [nowhere]')), []);
  });

  test('unreadable frontmatter and non-list values are left to the other rules', async () => {
    assert.deepEqual(await lintWith(rule, { knownComponents }, '---\ndepends_on: [x]\n'), []);
    assert.deepEqual(await lintWith(rule, { knownComponents }, design('type: module\nstatus: draft\ndepends_on: x')), []);
  });
});
