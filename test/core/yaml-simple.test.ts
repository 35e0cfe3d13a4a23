import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseSimpleYaml } from '../../core/yaml-simple.js';
import { parseYamlWithLibrary } from '../../core/frontmatter.js';

/** The subset's answer must be yaml's answer, data and every position; returns whether it answered. */
function agrees(source: string, lineOffset = 1): boolean {
  const fast = parseSimpleYaml(source, lineOffset);
  if (fast === undefined) return false;
  const full = parseYamlWithLibrary(source, { lineOffset });
  assert.ok(full.ok, `the subset accepted what yaml refuses: ${JSON.stringify(source)}`);
  assert.deepEqual(fast.data, full.data, `data differs for ${JSON.stringify(source)}`);
  for (const path of [[], ...paths(full.data), ['missing'], [0], ['type', 'x']]) {
    assert.deepEqual(fast.locate(path), full.locate(path), `position of ${JSON.stringify(path)} differs in ${JSON.stringify(source)}`);
  }
  return true;
}

/** Every path into the data, and one index past each list's end. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => out.push([...prefix, i], ...paths(item, [...prefix, i])));
    out.push([...prefix, value.length]);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push([...prefix, k], ...paths(v, [...prefix, k]));
  }
  return out;
}

const DESIGN = `type: module
status: approved
depends_on: [core/errors, core/messages/frontmatter]
stories: []
approval:
  digest: sha256:0b4f6c1d2e3a
  by: [Bob <bob@example.com>, "Carol <carol@example.com>"]
  at: 2026-11-20T10:00:00Z
`;

describe('parseSimpleYaml', () => {
  test('typical design frontmatter reads exactly as yaml reads it, positions included', () => {
    const simple = 'type: module\nstatus: approved\ndepends_on: [core/errors, core/messages/frontmatter]\nstories: []\napproval:\n  digest: sha256:0b4f6c1d2e3a\n  by: [Bob <bob@example.com>]\n  at: 2026-11-20T10:00:00Z\n';
    assert.ok(agrees(simple));
    assert.deepEqual(parseSimpleYaml(simple, 1)?.data, {
      type: 'module',
      status: 'approved',
      depends_on: ['core/errors', 'core/messages/frontmatter'],
      stories: [],
      approval: { digest: 'sha256:0b4f6c1d2e3a', by: ['Bob <bob@example.com>'], at: '2026-11-20T10:00:00Z' },
    });
    assert.deepEqual(parseSimpleYaml(simple, 1)?.locate(['approval', 'by', 0]), { line: 8, column: 8 });
    assert.deepEqual(parseSimpleYaml(simple, 1)?.locate(['approval']), { line: 6, column: 1 });
  });

  test('quoted items in a flow list are left to yaml; quotes inside a plain item are not', () => {
    assert.equal(parseSimpleYaml(DESIGN, 1), undefined);
    assert.ok(agrees("by: [O'Brien <o@x.org>, Ann \"A\" B <a@x.org>]\n"));
    assert.deepEqual(parseSimpleYaml("by: [O'Brien <o@x.org>]\n", 0)?.data, { by: ["O'Brien <o@x.org>"] });
  });

  test('block lists, at the key\'s indentation or deeper, and empty values', () => {
    assert.ok(agrees('depends_on:\n- a\n- b\nnext: 1\n'));
    assert.ok(agrees('depends_on:\n  - a\n  -   b\nnext:\nlast: x\n'));
    assert.ok(agrees('a:\n  b:\n    c: 1\n  d: [x]\ne: ~\n'));
    assert.deepEqual(parseSimpleYaml('a:\n', 0)?.data, { a: null });
  });

  test('blank lines and whole-line comments carry nothing; an empty block is an empty mapping', () => {
    assert.ok(agrees('# heading\n\ntype: module\n  # indented comment\n\nstatus: draft\n'));
    assert.deepEqual(parseSimpleYaml('', 0)?.data, {});
    assert.deepEqual(parseSimpleYaml('# only\n\n', 0)?.data, {});
    assert.equal(parseSimpleYaml('# only\n', 0)?.locate([]), undefined);
  });

  test('core schema scalars: null forms, booleans, canonical integers, and text that only looks special', () => {
    const source = 'a: null\nb: ~\nc: NULL\nd: true\ne: False\nf: 0\ng: 42\nh: 2026-11-20\ni: on\nj: no\nk: yes\nl: a:b\nm: C#\nn: Bob <b@x.org>\no: \'quoted\'\np: "double"\nq: \'\'\n';
    assert.ok(agrees(source));
    assert.deepEqual(parseSimpleYaml(source, 0)?.data, {
      a: null, b: null, c: null, d: true, e: false, f: 0, g: 42, h: '2026-11-20', i: 'on', j: 'no', k: 'yes', l: 'a:b', m: 'C#', n: 'Bob <b@x.org>', o: 'quoted', p: 'double', q: '',
    });
  });

  test('numbers other than canonical decimal integers are left to yaml', () => {
    for (const n of ['-1', '+1', '007', '0x1F', '0o17', '1.5', '1e3', '.5', '.inf', '-.inf', '.nan', '9007199254740993']) {
      assert.equal(parseSimpleYaml(`a: ${n}\n`, 0), undefined, n);
      assert.equal(parseSimpleYaml(`a: [${n}]\n`, 0), undefined, n);
    }
  });

  test('declines everything outside the subset', () => {
    const outside = [
      'a:\tb\n', 'a: b\r\n', 'a: long\n  continued\n', 'a: b # comment\n', '---\na: 1\n', 'a: 1\n...\n', '%YAML 1.2\n---\n',
      'a: &x 1\n', 'a: *x\n', 'a: !!str 1\n', 'a: |\n  text\n', 'a: >\n  text\n', 'a: {b: 1}\n', 'a: [b, [c]]\n', 'a: [b, {c: 1}]\n',
      'a: "x\\ny"\n', "a: 'it''s'\n", 'a: 1\na: 2\n', 'é: 1\n', 'caf\u00e9: 1\ncafe\u0301: 2\n', '__proto__: 1\n', 'null: 1\n', 'true: 1\n',
      '  a: 1\n', '- a\n', 'a\n', 'a:b\n', 'a: [b,, c]\n', 'a: [b, c\n', 'a:\n  - b: 1\n', 'a:\n  -\n', 'a:\n  - [b]\n',
      'a: -b\n', 'a: ?b\n', 'a: :b\n', 'a: b:\n', 'a: \u0085\n', 'a: \ud800\n', '"a": 1\n', 'a:\n  - x\n  b: 1\n', 'a:\n    b: 1\n  c: 2\n',
    ];
    for (const source of outside) {
      assert.equal(parseSimpleYaml(source, 0), undefined, JSON.stringify(source));
    }
  });

  test('nesting deeper than the cap is left to yaml', () => {
    const nested = (depth: number) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    assert.ok(parseSimpleYaml(nested(5), 0, 5));
    assert.equal(parseSimpleYaml(nested(6), 0, 5), undefined);
  });

  test('differential: generated documents are either declined or read exactly as yaml reads them', () => {
    let seed = 0x5eed;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
    const keys = ['a', 'b', 'type', 'status', 'x.y', 'A-1', 'k_2', 'constructor', 'toString', 'null', 'True', 'caf\u00e9', 'cafe\u0301', '1a', 'a b', '"q"'];
    const scalars = [
      'module', 'draft', '0', '7', '42', '-3', '007', '1.5', '1e3', '.inf', '0x1f', '0o7', '9007199254740991', '9007199254740993', 'null', '~', 'Null',
      'true', 'FALSE', 'yes', 'on', '2026-11-20T10:00:00Z', 'sha256:abc', 'Bob <bob@example.com>', 'a:b', 'a: b', 'C#', 'a #c', 'x,y', "'s'", '"d"',
      '""', "''", '"a\\"b"', "'it''s'", '-x', '- x', '?x', ':x', '&a x', '*a', '!t x', '|', '>', '%x', '@x', '`x', 'é', 'e\u0301', 'tail:', 'a\tb', '[', ']',
    ];
    const good = ['module', 'draft', '0', '42', 'null', '~', 'true', 'FALSE', 'yes', '2026-11-20T10:00:00Z', 'sha256:abc', 'Bob <bob@example.com>', 'a:b', 'C#', 'x,y', '""', "''", "'s'", '"d"', 'é'];
    const scalar = () => (rand() < 0.75 ? pick(good) : pick(scalars));
    const flowItem = () => rand() < 0.75 ? pick(['a', 'core/errors', 'Bob <b@x.org>', "O'Brien <o@x.org>", 'say "hi"', '1', 'true', 'x y', ' spaced ']) : pick(['a', 'core/errors', 'Bob <b@x.org>', '1', '01', 'true', 'x y', '"q"', '[n]', '{m: 1}', '', 'a:b', 'a#b', ' spaced ']);
    const value = (depth: number): string[] => {
      const r = rand();
      if (r < 0.45) return [` ${scalar()}${rand() < 0.9 ? pick(['', ' ']) : '  # c'}`];
      if (r < 0.65) {
        const items = Array.from({ length: Math.floor(rand() * 4) }, flowItem);
        return [` [${items.join(pick([', ', ',', ' , ']))}]${pick(['', '', ' '])}`];
      }
      if (r < 0.72 || depth > 3) return [pick(['', ' '])];
      const indent = pick(['  ', '    ', '', ' ']);
      if (r < 0.86) return ['', ...Array.from({ length: 1 + Math.floor(rand() * 3) }, () => `${indent}-${rand() < 0.9 ? pick([' ', '  ']) : ''}${scalar()}`)];
      return ['', ...mapping(depth + 1).map((l) => `${indent}${l}`)];
    };
    const mapping = (depth: number): string[] => {
      const lines: string[] = [];
      for (let i = 0, n = 1 + Math.floor(rand() * 4); i < n; i++) {
        if (rand() < 0.1) lines.push(pick(['', '# note', '  # indented', '   ']));
        const [first, ...rest] = value(depth);
        lines.push(`${rand() < 0.8 ? `k${i}` : pick(keys)}:${first}`, ...rest);
        if (rand() < 0.03) lines.push(pick(['  continued', '---', '...', '- stray']));
      }
      return lines;
    };
    let accepted = 0;
    const total = 4000;
    for (let i = 0; i < total; i++) {
      const source = `${mapping(1).join('\n')}\n`;
      if (agrees(source, Math.floor(rand() * 5))) accepted++;
    }
    // The generator must exercise the accepting path a good deal, or this test proves nothing.
    assert.ok(accepted > total * 0.25, `only ${accepted} of ${total} generated documents were in the subset`);
    assert.ok(accepted < total, 'every generated document was accepted: the declining path is not exercised');
  });
});
