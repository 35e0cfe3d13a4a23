import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mappingMessages as m } from '../../../core/messages/mapping.js';
import type { Triple } from '../../../core/mapping.js';

const t: Triple = { rule: 1, path: 'a/b', code: 'lib/a/b.ex', design: 'docs/design/a/b.md', test: 'test/a/b_test.exs' };
const owner: Triple = { rule: 0, path: 'b', code: 'lib/web/b.ex', design: 'docs/design/a/b.md', test: 'test/web/b_test.exs' };

/** Every entry rendered with sample arguments, so a new entry without a row fails the count below. */
const rendered: Record<keyof typeof m, string> = {
  templateMissing: m.templateMissing('lib/x.ex'),
  templateRepeated: m.templateRepeated('{path}/{path}'),
  templateNotRelative: m.templateNotRelative('/x/{path}'),
  templateFix: m.templateFix,
  globEmpty: m.globEmpty,
  globInvalid: m.globInvalid('[', 'bad'),
  globFix: m.globFix,
  missingDesign: m.missingDesign(t),
  missingDesignFix: m.missingDesignFix(t),
  missingTest: m.missingTest(t),
  missingTestFix: m.missingTestFix(t),
  conflict: m.conflict(t, 'design', 0, 'design', owner),
  conflictFix: m.conflictFix(t, 0),
  conflictIgnored: m.conflictIgnored(t, 'test'),
  conflictIgnoredFix: m.conflictIgnoredFix(t, 'test'),
  orphanIgnored: m.orphanIgnored(t, 'design'),
  orphanIgnoredFix: m.orphanIgnoredFix(t, 'design'),
  orphanClaimed: m.orphanClaimed(t, 'design', 0, 'code', owner),
  orphanClaimedFix: m.orphanClaimedFix(t, 'design', 'code', owner),
  orphanTest: m.orphanTest(t),
  orphanTestFix: m.orphanTestFix(t),
};

describe('mappingMessages', () => {
  test('every entry is covered here', () => {
    assert.deepEqual(Object.keys(rendered).sort(), Object.keys(m).sort());
  });

  for (const [name, text] of Object.entries(rendered)) {
    test(`${name} is one line without a closing period`, () => {
      assert.ok(text.length > 0);
      assert.ok(!text.includes('\n'), text);
      assert.ok(!text.endsWith('.'), text);
    });
  }

  const exact: Array<[string, string]> = [
    [rendered.missingDesign, 'lib/a/b.ex has no design: expected docs/design/a/b.md'],
    [rendered.missingDesignFix, 'designgate new lib/a/b.ex'],
    [rendered.conflict, 'lib/a/b.ex maps to the design docs/design/a/b.md, but components[0] takes that path as the design of lib/web/b.ex'],
    [m.conflict(t, 'test', 2, 'code', owner), 'lib/a/b.ex maps to the test test/a/b_test.exs, but components[2] takes that path as code'],
    [rendered.orphanClaimed, 'docs/design/a/b.md describes lib/a/b.ex, but components[0] takes that path as code with the design docs/design/a/b.md'],
    [m.orphanClaimed(t, 'test', 0, 'design', owner), 'test/a/b_test.exs tests lib/a/b.ex, but components[0] takes that path as the design of lib/web/b.ex'],
    [m.orphanClaimedFix(t, 'test', 'design', owner), 'delete test/a/b_test.exs, or change "components" in .designrc.json'],
    [rendered.orphanClaimedFix, 'git mv docs/design/a/b.md docs/design/a/b.md'],
  ];
  for (const [actual, expected] of exact) test(expected, () => assert.equal(actual, expected));
});
