import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { contextDigest, readArchitecture } from '../../../core/architecture/reader.js';
import { designDigest } from '../../../core/digest.js';

const doc = (fm: string) => `---\n${fm}---\n\n# Architecture\n`;

describe('readArchitecture', () => {
  test('reads contexts with owns, depends_on, stories and purpose; folders get a trailing slash', () => {
    const r = readArchitecture(doc('contexts:\n  core:\n    owns: [core/, lib]\n    depends_on: []\n    stories: [US-1]\n    purpose: Base.\n  cli:\n    owns: [cli/]\n    depends_on: [core]\n'), 'docs/architecture.md', 'error');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.architecture?.contexts.map(({ digest: _, ...c }) => c), [
      { name: 'core', owns: ['core/', 'lib/'], dependsOn: [], stories: ['US-1'], purpose: 'Base.' },
      { name: 'cli', owns: ['cli/'], dependsOn: ['core'], stories: [] },
    ]);
    assert.equal(r.architecture?.state, 'draft');
  });

  test('the digest is the design digest of the file, and a matching approval makes it approved', () => {
    const base = 'contexts:\n  core:\n    owns: [core/]\n';
    const digest = designDigest('docs/architecture.md', doc(base));
    const approved = doc(`${base}approval:\n  digest: "${digest}"\n  by: ["A <a@x.org>"]\n  at: "2024-01-01T00:00:00Z"\n`);
    const r = readArchitecture(approved, 'docs/architecture.md', 'error');
    assert.equal(r.architecture?.digest, digest);
    assert.equal(r.architecture?.state, 'approved');
    const edited = approved.replace('owns: [core/]', 'owns: [core/, x/]');
    assert.equal(readArchitecture(edited, 'docs/architecture.md', 'error').architecture?.state, 'stale');
  });

  test('shape mistakes are located problems: missing contexts, bad folder, unknown field, not a list', () => {
    assert.equal(readArchitecture(doc('status: draft\n'), 'a.md', 'warning').problems[0]?.ruleId, 'architecture-shape');
    const r = readArchitecture(doc('contexts:\n  core:\n    owns: [../x/]\n    depends_on: core\n    color: red\n'), 'a.md', 'warning');
    assert.deepEqual(
      r.problems.map((p) => [p.line, p.severity, p.message.slice(0, 30)]).sort((a, b) => Number(a[0]) - Number(b[0])),
      [
        [4, 'warning', 'context "core" owns "../x/", w'],
        [5, 'warning', '"depends_on" of context "core"'],
        [6, 'warning', 'context "core" has an unknown '],
      ],
    );
  });

  test('unreadable frontmatter yields no architecture and a located problem', () => {
    const r = readArchitecture('---\ncontexts: [\n---\n', 'a.md', 'error');
    assert.equal(r.architecture, undefined);
    assert.equal(r.problems[0]?.file, 'a.md');
    assert.ok(r.problems[0]?.line !== undefined);
  });

  test('each context has the digest of its entry: formatting keeps it, any change of the entry or its name changes it', () => {
    const digests = (fm: string) => Object.fromEntries(readArchitecture(doc(fm), 'a.md', 'error').architecture!.contexts.map((c) => [c.name, c.digest]));
    const base = digests('contexts:\n  core:\n    owns: [core/]\n    purpose: Base.\n  cli:\n    owns: [cli/]\n    depends_on: [core]\n');
    assert.equal(base['core'], contextDigest('core', { owns: ['core/'], purpose: 'Base.' }));
    assert.match(base['core']!, /^sha256:[0-9a-f]{64}$/);
    // Reordered keys, block lists and quoting: the same entries.
    const reformatted = digests('contexts:\n  cli:\n    depends_on:\n      - "core"\n    owns: [cli/]\n  core:\n    purpose: "Base."\n    owns: [core/]\n');
    assert.deepEqual(reformatted, base);
    // Changing one entry changes that context's digest only.
    const edited = digests('contexts:\n  core:\n    owns: [core/]\n    purpose: Base.\n  cli:\n    owns: [cli/, bin/]\n    depends_on: [core]\n');
    assert.equal(edited['core'], base['core']);
    assert.notEqual(edited['cli'], base['cli']);
    assert.notEqual(contextDigest('other', { owns: ['core/'], purpose: 'Base.' }), base['core']);
  });
});
