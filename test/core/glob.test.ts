import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DesignGateError } from '../../core/errors.js';
import { compileGlobs, globBase } from '../../core/glob.js';

describe('compileGlobs', () => {
  // [globs, file, ignored?]
  const rows: Array<[string[], string, boolean]> = [
    [[], 'src/a.ts', false],
    // No inner "/": any depth, like .gitignore.
    [['*.d.ts'], 'types.d.ts', true],
    [['*.d.ts'], 'src/deep/x.d.ts', true],
    [['*.d.ts'], 'src/x.ts', false],
    [['**/*.d.ts'], 'src/x.d.ts', true],
    [['telemetry.ex'], 'lib/my_app_web/telemetry.ex', true],
    // An inner "/" anchors to the config's folder.
    [['lib/my_app_web/telemetry.ex'], 'lib/my_app_web/telemetry.ex', true],
    [['lib/my_app_web/telemetry.ex'], 'apps/lib/my_app_web/telemetry.ex', false],
    [['src/*.ts'], 'src/a.ts', true],
    [['src/*.ts'], 'src/sub/a.ts', false],
    [['src/**/*.test.ts'], 'src/a.test.ts', true],
    [['src/**/*.test.ts'], 'src/x/y/a.test.ts', true],
    [['/a.ts'], 'a.ts', true],
    [['/a.ts'], 'src/a.ts', false],
    [['./src/a.ts'], 'src/a.ts', true],
    // A folder covers what is in it; "dir/" names folders only.
    [['lib/generated'], 'lib/generated/a/b.ex', true],
    [['lib/generated'], 'lib/generated.ex', false],
    [['generated/'], 'lib/generated/a.ex', true],
    [['generated/'], 'lib/generated', false],
    [['/generated/'], 'lib/generated/a.ex', false],
    // Dotfiles and dot-folders are matched like any other file.
    [['*.ts'], '.hidden/a.ts', true],
    [['src/**'], 'src/.cache/x.ts', true],
    [['.*rc'], 'pkg/.eslintrc', true],
    // Braces and classes are glob syntax; "+" without parentheses is literal.
    [['*.{d.ts,gen.ts}'], 'src/a.gen.ts', true],
    [['lib/c++/*.cc'], 'lib/c++/a.cc', true],
    [['lib/c++/*.cc'], 'lib/c/a.cc', false],
    // Backslashes are never separators, on any OS.
    [['src/*.ts'], 'src\\a.ts', false],
    // "!" re-includes; the last matching pattern wins.
    [['src/gen/**', '!src/gen/keep.ts'], 'src/gen/keep.ts', false],
    [['src/gen/**', '!src/gen/keep.ts'], 'src/gen/other.ts', true],
    [['!src/gen/keep.ts', 'src/gen/**'], 'src/gen/keep.ts', true],
    [['!src/a.ts'], 'src/b.ts', false],
  ];
  for (const [globs, file, ignored] of rows) {
    test(`${JSON.stringify(globs)} ${ignored ? 'matches' : 'does not match'} ${file}`, () => {
      assert.equal(compileGlobs(globs)(file), ignored);
    });
  }

  for (const bad of ['', '/', './', '!']) {
    test(`rejects ${JSON.stringify(bad)} as CONFIG`, () => {
      assert.throws(
        () => compileGlobs(['*.d.ts', bad]),
        (e: unknown) => e instanceof DesignGateError && e.code === 'CONFIG' && e.message === 'an empty glob pattern matches nothing',
      );
    });
  }
});

describe('globBase', () => {
  const rows: Array<[string, string]> = [
    ['docs/stories/*.md', 'docs/stories/'],
    ['./docs/s/*.md', 'docs/s/'],
    ['/top/*.md', 'top/'],
    ['docs/{a,b}/*.md', 'docs/'],
    ['docs/x.md', 'docs/'],
    ['lib/generated/', 'lib/generated/'],
    ['*.md', ''],
    ['**/stories/*.md', ''],
  ];
  for (const [glob, base] of rows) {
    test(`${glob} lies in ${JSON.stringify(base)}`, () => assert.equal(globBase(glob), base));
  }

  test('every path a glob matches starts with its base', () => {
    const globs = [...rows.map(([g]) => g), 'docs/s*/x.md', 'a/**/b/*.ts', 'docs/stories/**', 'x', '/y/', 'docs/st?ries/*.md'];
    const paths = ['docs/stories/US-1.md', 'docs/s/a.md', 'top/a.md', 'docs/a/x.md', 'docs/b/y.md', 'docs/x.md', 'docs/x.md/inner', 'lib/generated/z.ts', 'README.md', 'pkg/stories/US-2.md', 'docs/sx/x.md', 'a/q/r/b/c.ts', 'x', 'deep/x', 'y/z', 'docs/storiesx/a.md'];
    let matched = 0;
    for (const glob of globs) {
      const match = compileGlobs([glob]);
      for (const path of paths) {
        if (!match(path)) continue;
        matched++;
        assert.ok(path.startsWith(globBase(glob)), `${path} matches ${glob} outside ${globBase(glob)}`);
      }
    }
    assert.ok(matched > 15, `${matched} matches`);
  });
});

