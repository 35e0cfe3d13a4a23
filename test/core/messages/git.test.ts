import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gitMessages as m } from '../../../core/messages/git.js';

/** Every entry rendered with sample arguments, so a new entry without a row fails the count below. */
const rendered: Record<keyof typeof m, string> = {
  notARepository: m.notARepository('/tmp/x'),
  notARepositoryFix: m.notARepositoryFix,
  gitNotInstalled: m.gitNotInstalled,
  gitNotInstalledFix: m.gitNotInstalledFix,
  bareRepository: m.bareRepository('/srv/r.git'),
  bareRepositoryFix: m.bareRepositoryFix,
  insideGitDir: m.insideGitDir('/r/.git/refs'),
  insideGitDirFix: m.insideGitDirFix,
  dubiousOwnership: m.dubiousOwnership('/r'),
  dubiousOwnershipFix: m.dubiousOwnershipFix('/r'),
  commandFailed: m.commandFailed('diff-index --cached', 'fatal: bad object HEAD'),
  commandFailedFix: m.commandFailedFix('diff-index --cached'),
  catFileDied: m.catFileDied('fatal: not a git repository'),
  catFileDiedFix: m.catFileDiedFix,
  objectMissing: m.objectMissing('abc123'),
  objectMissingFix: m.objectMissingFix,
  wrongType: m.wrongType('abc123', 'commit', 'blob'),
  wrongTypeFix: m.wrongTypeFix,
  revisionNotFound: m.revisionNotFound('origin/main'),
  revisionNotFoundFix: m.revisionNotFoundFix('origin/main'),
  unmergedPaths: m.unmergedPaths(['a.txt', 'b.txt']),
  unmergedPathsFix: m.unmergedPathsFix,
  isoUnsupported: m.isoUnsupported(m.layoutSplitIndex),
  isoUnsupportedFix: m.isoUnsupportedFix,
  layoutIndexVersion: m.layoutIndexVersion(4),
  layoutSplitIndex: m.layoutSplitIndex,
  layoutSparseIndex: m.layoutSparseIndex,
  layoutSparseCheckout: m.layoutSparseCheckout,
  layoutSkipHash: m.layoutSkipHash,
  layoutObjectFormat: m.layoutObjectFormat('sha256'),
  layoutRefStorage: m.layoutRefStorage('reftable'),
  layoutObjectDirectory: m.layoutObjectDirectory,
  layoutBadIndex: m.layoutBadIndex('the index ends inside an entry'),
  isoFailed: m.isoFailed('read the index', 'boom'),
  isoFailedFix: m.isoFailedFix,
  isoWriteRefused: m.isoWriteRefused('/r/.git/index'),
};

describe('gitMessages', () => {
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

  for (const [name, text] of Object.entries(rendered)) {
    if (name.endsWith('Fix') && name !== 'isoUnsupportedFix' && name !== 'insideGitDirFix') {
      test(`${name} names a command in backticks`, () => assert.match(text, /`[^`]+`/));
    }
  }

  const exact: Array<[string, string]> = [
    [rendered.notARepositoryFix, 'run `git init` (or run designgate inside your repository)'],
    [rendered.isoUnsupported, 'the isomorphic-git backend cannot read this repository: its index is split (core.splitIndex)'],
    [rendered.revisionNotFoundFix, "check it with `git rev-parse --verify 'origin/main^{commit}'`; in CI fetch the whole history (`fetch-depth: 0`)"],
    [rendered.unmergedPaths, 'the index has unmerged paths: a.txt, b.txt'],
    [rendered.dubiousOwnershipFix, 'if you trust it, run `git config --global --add safe.directory /r`'],
  ];
  for (const [actual, expected] of exact) test(expected, () => assert.equal(actual, expected));
});
