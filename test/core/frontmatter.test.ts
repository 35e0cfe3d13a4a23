import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  MAX_DEPTH,
  parseYamlStrict,
  readFrontmatter,
  splitFrontmatter,
  tryReadFrontmatter,
  type YamlIssue,
} from '../../core/frontmatter.js';
import { DesignGateError } from '../../core/errors.js';
import { makeTempDir } from '../helpers/repo.js';

function data(source: string): Record<string, unknown> {
  const result = parseYamlStrict(source);
  assert.ok(result.ok, `expected ok, got ${JSON.stringify(result)}`);
  return result.data;
}

function issues(source: string, lineOffset = 0): YamlIssue[] {
  const result = parseYamlStrict(source, { lineOffset });
  assert.ok(!result.ok, `expected issues, got ${JSON.stringify(result)}`);
  return result.issues;
}

/** The first issue as `line:col message`. */
function first(source: string, lineOffset = 0): string {
  const [issue] = issues(source, lineOffset);
  assert.ok(issue);
  return `${issue.line}:${issue.column} ${issue.message}`;
}

function readError(text: string, file = 'docs/design/x.md'): DesignGateError {
  try {
    readFrontmatter(text, file);
  } catch (error) {
    assert.ok(error instanceof DesignGateError);
    return error;
  }
  assert.fail('readFrontmatter did not throw');
}

describe('parseYamlStrict: YAML 1.2 core schema', () => {
  test('YAML 1.1 booleans and dates stay strings', () => {
    assert.deepEqual(data('status: on\ntype: no\nok: yes\nat: 2026-11-20\nts: 2026-11-20T10:00:00Z\n'), {
      status: 'on',
      type: 'no',
      ok: 'yes',
      at: '2026-11-20',
      ts: '2026-11-20T10:00:00Z',
    });
  });

  test('core numbers, booleans and null resolve', () => {
    assert.deepEqual(data('a: 0x1F\nb: 1.50\nc: true\nd: ~\ne: -0\nf: "1"\n'), { a: 31, b: 1.5, c: true, d: null, e: -0, f: '1' });
  });

  test('block scalars and CRLF give LF text', () => {
    assert.deepEqual(data('a: |\r\n  x\r\n  y\r\n'), { a: 'x\ny\n' });
  });

  test('an empty block, or one with only comments, is an empty mapping', () => {
    assert.deepEqual(data(''), {});
    assert.deepEqual(data('# nothing yet\n'), {});
  });
});

describe('parseYamlStrict: refusals', () => {
  test('a duplicate key is refused at the second key, in file lines', () => {
    const source = 'type: module\napproval:\n  digest: a\napproval:\n  digest: b\n';
    assert.equal(first(source, 1), "5:1 duplicate key 'approval'");
  });

  test('keys that differ only in quoting or number spelling are duplicates', () => {
    assert.match(first('1: a\n"1": b\n'), /^2:1 duplicate key '1'$/);
    assert.match(first('a: {b: 1, b: 2}\n'), /duplicate key 'b'/);
  });

  test('keys equal after Unicode NFC are duplicates', () => {
    assert.equal(first('caf\u00e9: 1\ncafe\u0301: 2\n'), "2:1 duplicate key 'café' (the same text after Unicode normalisation)");
  });

  test('anchors and aliases are refused', () => {
    const found = issues('a: &x 1\nb: *x\n');
    assert.deepEqual(
      found.map((i) => [i.line, i.column]),
      [
        [1, 4],
        [2, 4],
      ],
    );
    assert.match(found[1]?.message ?? '', /^aliases are not allowed/);
    assert.match(found[0]?.message ?? '', /^anchors are not allowed/);
  });

  test('an alias bomb is refused quickly and nothing is expanded', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const start = performance.now();
    const found = issues(levels.join('\n') + '\n');
    assert.ok(performance.now() - start < 50, 'refused in under 50 ms');
    assert.ok(found.some((i) => /aliases are not allowed/.test(i.message)));
  });

  test('every tag is refused with its line, nothing constructed', () => {
    const found = issues('a: !!js/function "function () {}"\nb: !!binary aGk=\nc: !foo x\nd: !!timestamp 2020-01-01\ne: !!str 1\n', 1);
    assert.deepEqual(
      found.map((i) => `${i.line} ${i.message}`),
      [
        '2 tags are not allowed in frontmatter: `!!js/function`',
        '3 tags are not allowed in frontmatter: `!!binary`',
        '4 tags are not allowed in frontmatter: `!foo`',
        '5 tags are not allowed in frontmatter: `!!timestamp`',
        '6 tags are not allowed in frontmatter: `!!str`',
      ],
    );
  });

  test('directives and a second document are refused', () => {
    assert.equal(first('%YAML 1.1\n---\na: on\n'), '1:1 YAML directives are not allowed in frontmatter: `%YAML 1.1`');
    assert.equal(first('a: 1\n...\nb: 2\n'), '3:1 the frontmatter holds more than one YAML document');
  });

  test('frontmatter over 64 KiB is refused before parsing', () => {
    const big = 'a: ' + 'x'.repeat(64 * 1024) + '\n';
    assert.match(first(big, 1), /^2:1 the frontmatter is \d+ bytes, over the 65536-byte limit$/);
    // just under the cap still parses
    assert.ok(parseYamlStrict('a: ' + 'x'.repeat(60 * 1024) + '\n').ok);
  });

  test(`nesting over ${MAX_DEPTH} levels is refused, flow and block`, () => {
    const flow = (n: number) => 'a: ' + '['.repeat(n) + ']'.repeat(n) + '\n';
    assert.ok(parseYamlStrict(flow(MAX_DEPTH - 1)).ok, 'top mapping + 31 lists = 32 levels');
    assert.match(first(flow(MAX_DEPTH)), /nested more than 32 levels deep/);
    const block = (n: number) => Array.from({ length: n }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' 1\n';
    assert.ok(parseYamlStrict(block(MAX_DEPTH)).ok);
    assert.match(first(block(MAX_DEPTH + 1)), /^33:33 the frontmatter is nested more than 32 levels deep$/);
  });

  test('60 000 nested brackets are refused quickly, without crashing the process', () => {
    const start = performance.now();
    assert.match(first('a: ' + '['.repeat(60_000)), /nested more than 32 levels deep/);
    assert.match(first('a: ' + '{'.repeat(30_000) + '}'.repeat(30_000)), /nested more than 32 levels deep/);
    // quoted closing brackets keep the raw count low; the token check still refuses it
    let interleaved = 'a: ';
    while (interleaved.length < 60_000) interleaved += '['.repeat(200) + '"' + ']'.repeat(200) + '",';
    assert.match(first(interleaved), /nested more than 32 levels deep/);
    const blockSeq = '- '.repeat(30_000) + 'x\n';
    assert.match(first(blockSeq), /nested more than 32 levels deep/);
    assert.ok(performance.now() - start < 2000, `took ${performance.now() - start} ms`);
  });

  test('a top level that is not a mapping is refused', () => {
    assert.equal(first('- a\n- b\n', 1), '2:1 the frontmatter must be a mapping of keys to values, not a list');
    assert.match(first('just text\n'), /not text$/);
    assert.match(first('42\n'), /not a number$/);
    assert.match(first('null\n'), /not null$/);
  });

  test('tabs used as indentation are reported with their file line', () => {
    assert.equal(first('type: module\napproval:\n\tdigest: x\n', 1), '4:1 tabs are not allowed as indentation; indent with spaces');
  });

  test('syntax errors read as one line with the place', () => {
    // yaml reports an unclosed quote where the text runs out
    const [issue] = issues('a: "open\nb: 2\n', 1);
    assert.equal(issue?.line, 4);
    assert.match(issue?.message ?? '', /^YAML syntax error: missing closing "quote$/);
    assert.ok(!(issue?.message ?? '').includes('\n'));
  });

  test('numbers JSON cannot hold exactly are refused', () => {
    assert.equal(first('a: .inf\n'), '1:4 the number .inf is not finite; quote it if it is text');
    assert.match(first('a: .NaN\n'), /the number .NaN is not finite/);
    assert.match(first('a: 1e400\n'), /1e400 is not finite/);
    assert.equal(first('a: 123456789012345678901\n'), '1:4 the number 123456789012345678901 is too large to keep exactly; quote it');
    assert.match(first('a: 0x20000000000001\n'), /0x20000000000001 is too large/);
    // a float literal is exact as written, even when its value is a large integer
    assert.deepEqual(data('a: 1e21\nb: 9007199254740991\n'), { a: 1e21, b: 9007199254740991 });
  });

  test('empty keys, collection keys and unpaired surrogates are refused', () => {
    assert.match(first(': x\n'), /keys must be plain text/);
    assert.match(first('[a, b]: 1\n'), /keys must be plain text/);
    assert.match(first('a: "\\ud83d"\n'), /unpaired surrogate/);
  });

  test('every issue is one line', () => {
    for (const source of ['a: "x\n', 'a: [1, 2\n', 'a: b: c\n', 'a:\n  - x\n  y: 1\n']) {
      for (const issue of issues(source)) assert.ok(!issue.message.includes('\n'), issue.message);
    }
  });
});

describe('parseYamlStrict: locate', () => {
  const source = 'type: module\ndepends_on:\n  - core/a\n  - core/b\nstories: [US-1, US-2]\napproval:\n  digest: sha256:x\nempty:\n';
  const result = parseYamlStrict(source, { lineOffset: 1 });
  assert.ok(result.ok);
  const cases: Array<[(string | number)[], { line: number; column: number } | undefined]> = [
    [['type'], { line: 2, column: 7 }],
    [['depends_on'], { line: 3, column: 1 }],
    [['depends_on', 1], { line: 5, column: 5 }],
    [['stories'], { line: 6, column: 10 }],
    [['stories', 1], { line: 6, column: 17 }],
    [['approval'], { line: 7, column: 1 }],
    [['approval', 'digest'], { line: 8, column: 11 }],
    [['empty'], { line: 9, column: 1 }],
    [['missing'], undefined],
    [['depends_on', 5], undefined],
    [['type', 'x'], undefined],
  ];
  for (const [path, expected] of cases) {
    test(`locate(${JSON.stringify(path)})`, () => assert.deepEqual(result.locate(path), expected));
  }
});

describe('splitFrontmatter', () => {
  const ok = (text: string) => {
    const result = splitFrontmatter(text);
    assert.ok(result.ok, JSON.stringify(result));
    return result.split;
  };
  const refused = (text: string) => {
    const result = splitFrontmatter(text);
    assert.ok(!result.ok, JSON.stringify(result));
    return result.issue;
  };

  test('the plain case', () => {
    assert.deepEqual(ok('---\ntype: module\n---\n# Title\n'), { yaml: 'type: module\n', yamlStartLine: 2, body: '# Title\n', bodyStartLine: 4 });
  });

  test('BOM, CRLF and trailing spaces or tabs on both delimiters are tolerated', () => {
    assert.deepEqual(ok('\ufeff---  \r\ntype: module\r\nb: 1\r\n--- \t\r\nbody\r\n'), {
      yaml: 'type: module\nb: 1\n',
      yamlStartLine: 2,
      body: 'body\r\n',
      bodyStartLine: 5,
    });
  });

  test('a closing --- at the end of the file without a newline is tolerated', () => {
    assert.deepEqual(ok('---\na: 1\n---'), { yaml: 'a: 1\n', yamlStartLine: 2, body: '', bodyStartLine: 4 });
  });

  test('an empty block is a block', () => {
    assert.deepEqual(ok('---\n---\nbody'), { yaml: '', yamlStartLine: 2, body: 'body', bodyStartLine: 3 });
  });

  test('only an exact --- line closes; ---- or --- text inside do not', () => {
    assert.deepEqual(ok('---\na: |\n  ----\n  --- x\n---\n'), { yaml: 'a: |\n  ----\n  --- x\n', yamlStartLine: 2, body: '', bodyStartLine: 6 });
  });

  test('a ---- banner on line 1 is not frontmatter', () => {
    const issue = refused('----\ntitle: x\n----\n');
    assert.deepEqual([issue.line, issue.column], [1, 1]);
    assert.match(issue.message, /^line 1 is `----`, not a frontmatter delimiter/);
  });

  test('---js, ---javascript and ---yaml-ish are refused', () => {
    for (const opener of ['---js', '---javascript', '---yaml-ish', '---yaml']) {
      const issue = refused(`${opener}\nrequire('fs')\n---\n`);
      assert.equal(issue.message, `frontmatter must be YAML: \`${opener}\` frontmatter is never read or run`);
      assert.equal(issue.line, 1);
    }
  });

  test('no frontmatter is an issue at line 1', () => {
    for (const text of ['# Title\n', '', '\n---\na: 1\n---\n', ' ---\na: 1\n---\n']) {
      const issue = refused(text);
      assert.deepEqual([issue.line, issue.column, issue.message], [1, 1, 'no frontmatter: a design document starts with a line `---`']);
    }
  });

  test('an unterminated block is an issue at line 1 whose fix says what to add and where', () => {
    const cases: Array<[string, number]> = [
      ['---\ntype: module\n', 2],
      ['---\ntype: module', 2],
      ['---', 1],
      ['---\ntype: module\nb: 1\n\n# Title\n\ntext\n', 3],
    ];
    for (const [text, after] of cases) {
      const issue = refused(text);
      assert.deepEqual([issue.line, issue.column, issue.message], [1, 1, 'the frontmatter opened on line 1 is never closed']);
      assert.equal(issue.fix, `add a line containing only \`---\` after line ${after}, where the frontmatter ends`);
    }
  });
});

describe('readFrontmatter', () => {
  test('returns data, body, split and file-located positions', () => {
    const doc = readFrontmatter('\ufeff---\r\ntype: module\r\nstatus: on\r\n---\r\n## Purpose\r\n', 'docs/design/a.md');
    assert.deepEqual(doc.data, { type: 'module', status: 'on' });
    assert.equal(doc.body, '## Purpose\r\n');
    assert.equal(doc.split.bodyStartLine, 5);
    assert.deepEqual(doc.locate(['status']), { line: 3, column: 9 });
  });

  test('throws FRONTMATTER with every cause located in the file, and a fix', () => {
    const error = readError('---\ntype: module\na: &x 1\nb: *x\n---\nbody\n', 'docs/design/a.md');
    assert.equal(error.code, 'FRONTMATTER');
    assert.equal(error.message, 'docs/design/a.md: the frontmatter cannot be read');
    assert.deepEqual(
      error.causes.map((c) => [c.file, c.line, c.column]),
      [
        ['docs/design/a.md', 3, 4],
        ['docs/design/a.md', 4, 4],
      ],
    );
    assert.match(error.fix ?? '', /without anchors, aliases or tags/);
  });

  test('a missing closing delimiter: the fix says what to add', () => {
    const error = readError('---\ntype: module\n\n## Purpose\n');
    assert.deepEqual(error.causes.map((c) => [c.line, c.message]), [[1, 'the frontmatter opened on line 1 is never closed']]);
    assert.equal(error.fix, 'add a line containing only `---` after line 2, where the frontmatter ends');
  });

  test('duplicate approval blocks are refused at the second one', () => {
    const error = readError('---\ntype: module\napproval:\n  digest: sha256:aa\napproval:\n  digest: sha256:bb\n---\n');
    assert.deepEqual(error.causes.map((c) => `${c.line}:${c.column} ${c.message}`), ["5:1 duplicate key 'approval'"]);
  });

  test('a 5 MB document is refused in well under 100 ms', () => {
    const text = '---\ntype: module\n---\n' + 'word '.repeat(1_000_000);
    const start = performance.now();
    const error = readError(text);
    const elapsed = performance.now() - start;
    assert.ok(elapsed < 100, `took ${elapsed} ms`);
    assert.equal(error.causes[0]?.message, 'the document is over the 1048576-byte limit for a design document');
  });

  test('a document just under 1 MiB of multi-byte text is read; over it in bytes is refused', () => {
    const head = '---\ntype: module\n---\n';
    assert.equal(readFrontmatter(head + 'é'.repeat(500_000), 'a.md').data['type'], 'module');
    // 600 000 UTF-16 units, 1.2 MB of UTF-8
    assert.match(readError(head + 'é'.repeat(600_000)).causes[0]?.message ?? '', /over the 1048576-byte limit/);
  });

  test('---js frontmatter is never executed', () => {
    const dir = makeTempDir();
    const canary = join(dir, 'canary');
    const text = `---js\n{ x: require('fs').writeFileSync(${JSON.stringify(canary)}, 'ran') }\n---\n# T\n`;
    const error = readError(text);
    assert.match(error.causes[0]?.message ?? '', /frontmatter must be YAML/);
    assert.equal(existsSync(canary), false);
  });

  test('tryReadFrontmatter returns the same error as a value', () => {
    const result = tryReadFrontmatter('no frontmatter\n', 'a.md');
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'FRONTMATTER');
    assert.deepEqual(result.error.causes, [{ file: 'a.md', line: 1, column: 1, message: 'no frontmatter: a design document starts with a line `---`' }]);
    const good = tryReadFrontmatter('---\na: 1\n---\n', 'a.md');
    assert.ok(good.ok);
    assert.deepEqual(good.doc.data, { a: 1 });
  });
});
