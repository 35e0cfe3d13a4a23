import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readArchitecture, type Architecture } from '../../../core/architecture/reader.js';
import { allowedFrom, checkArchitecture, contextsOf } from '../../../core/architecture/rules.js';

function arch(contexts: string): Architecture {
  const r = readArchitecture(`---\ncontexts:\n${contexts}---\n`, 'docs/architecture.md', 'error');
  assert.deepEqual(r.problems, []);
  return r.architecture!;
}
const ids = (a: Architecture, s?: Map<string, string>) => checkArchitecture(a, 'error', s).map((p) => `${p.file}:${p.line ?? ''} ${p.ruleId} ${p.message}`);

describe('architecture rules', () => {
  test('contextsOf and allowedFrom answer by folder prefix and declared dependencies', () => {
    const a = arch('  core:\n    owns: [core/]\n  cli:\n    owns: [cli/, bin/]\n    depends_on: [core]\n');
    assert.deepEqual(contextsOf(a, 'bin/x.ts').map((c) => c.name), ['cli']);
    assert.deepEqual(contextsOf(a, 'corex/y.ts'), []);
    assert.deepEqual(allowedFrom(a, 'cli'), ['core']);
    assert.deepEqual(ids(a), []);
  });

  test('overlapping folders are reported at the inner folder', () => {
    const a = arch('  core:\n    owns: [lib/]\n  accounts:\n    owns: [lib/accounts/]\n');
    assert.deepEqual(ids(a), ['docs/architecture.md:6 architecture-overlap contexts "core" (lib/) and "accounts" (lib/accounts/) own overlapping folders: a folder belongs to one context']);
  });

  test('a dependency cycle is reported once with its path', () => {
    const a = arch('  a:\n    owns: [a/]\n    depends_on: [b]\n  b:\n    owns: [b/]\n    depends_on: [c]\n  c:\n    owns: [c/]\n    depends_on: [a]\n');
    assert.deepEqual(ids(a), ['docs/architecture.md:11 architecture-cycle the contexts depend on each other in a cycle: a → b → c → a']);
  });

  test('a self-dependency is a cycle; an unknown context is named', () => {
    const a = arch('  a:\n    owns: [a/]\n    depends_on: [a, zz]\n');
    assert.deepEqual(ids(a).map((s) => s.split(' ')[1]), ['architecture-unknown-context', 'architecture-cycle']);
  });

  test('stories: an unknown one in a context, and one served by nobody', () => {
    const a = arch('  a:\n    owns: [a/]\n    stories: [US-1, US-9]\n');
    const stories = new Map([['US-1', 'docs/stories/US-1.md'], ['US-2', 'docs/stories/US-2.md']]);
    assert.deepEqual(ids(a, stories), [
      'docs/architecture.md:5 architecture-unknown-story context "a" serves story "US-9", which does not exist',
      'docs/stories/US-2.md: story-unserved story "US-2" is served by no context of docs/architecture.md',
    ]);
    assert.deepEqual(ids(a), [], 'no stories yet: the story rules are silent');
  });
});
