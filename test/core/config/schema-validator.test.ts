import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import { compileValidator, defaultPrecompiledFile, describeErrors, loadValidator, readSchema } from '../../../core/config/schema-validator.js';
import { parseJsonSource } from '../../../core/config/json-source.js';
import { configMessages } from '../../../core/messages/config.js';
import { makeTempDir, projectRoot } from '../../helpers/repo.js';

const require = createRequire(import.meta.url);
const { Ajv } = require('ajv') as typeof import('ajv');
const fixtures = fileURLToPath(new URL('../../fixtures/config/', import.meta.url));
type Node = Record<string, unknown>;

/** Every subschema of the schema with the JSON pointer it sits at. */
function* walk(node: unknown, at = '#'): Generator<[string, Node]> {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* walk(item, `${at}/${i}`);
    return;
  }
  const n = node as Node;
  yield [at, n];
  for (const key of ['properties', 'definitions']) {
    for (const [name, sub] of Object.entries((n[key] ?? {}) as Node)) yield* walk(sub, `${at}/${key}/${name}`);
  }
  for (const key of ['items', 'additionalProperties', 'propertyNames', 'allOf', 'anyOf', 'oneOf']) {
    if (typeof n[key] === 'object') yield* walk(n[key], `${at}/${key}`);
  }
}

/** Writes the standalone validator exactly as scripts/build.mjs does, with ajv's runtime requires made absolute. */
function buildStandalone(dir: string): string {
  const standaloneCode = require('ajv/dist/standalone').default as (ajv: unknown, v: unknown) => string;
  const ajv = new Ajv({ allErrors: true, strict: true, code: { source: true, esm: false }, allowUnionTypes: true });
  const code = standaloneCode(ajv, ajv.compile(readSchema('designrc'))).replace(/require\("([^"]+)"\)/g, (_, id: string) => `require(${JSON.stringify(require.resolve(id))})`);
  const file = join(dir, 'designrc.cjs');
  writeFileSync(file, code);
  return file;
}

const invalidFixtures = readdirSync(join(fixtures, 'invalid')).filter((f) => f.endsWith('.json'));

describe('schema/designrc.schema.json', () => {
  const schema = readSchema('designrc');

  test('is draft-07 with a stable $id and allows $schema', () => {
    assert.equal(schema['$schema'], 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema['$id'], 'https://unpkg.com/designgate/schema/designrc.schema.json');
    assert.ok((schema['properties'] as Node)['$schema']);
    assert.equal(JSON.stringify(JSON.parse(readFileSync(join(projectRoot, 'schema/designrc.schema.json'), 'utf8'))), JSON.stringify(schema));
  });

  test('has the contract keys of the product (and nothing unexpected)', () => {
    assert.deepEqual(Object.keys(schema['properties'] as Node), [
      '$schema', 'preset', 'components', 'ignore', 'stories', 'architecture', 'defaultType', 'types', 'approvers',
      'allowedSignersFile', 'requiredApprovals', 'signedApprovals', 'allowSelfApproval', 'gates', 'generator',
    ]);
  });

  test('every property has a description, for editor hover', () => {
    for (const [at, node] of walk(schema)) {
      for (const [name, sub] of Object.entries((node['properties'] ?? {}) as Record<string, Node>)) {
        assert.equal(typeof sub['description'], 'string', `${at}/properties/${name}`);
      }
    }
  });

  test('every object with properties refuses unknown keys', () => {
    for (const [at, node] of walk(schema)) {
      if (node['properties'] !== undefined) assert.equal(node['additionalProperties'], false, at);
    }
  });

  test('uses no formats (the standalone output would then require ajv-formats)', () => {
    for (const [at, node] of walk(schema)) assert.equal(node['format'], undefined, at);
  });

  test('every pattern sits in a definition that has its own message, and every message has its pattern', () => {
    const withPattern = new Set<string>();
    for (const [at, node] of walk(schema)) {
      if (node['pattern'] === undefined) continue;
      const match = /^#\/definitions\/([^/]+)$/.exec(at);
      assert.ok(match, `pattern outside a definition at ${at}`);
      withPattern.add(match[1]!);
    }
    assert.deepEqual([...withPattern].sort(), Object.keys(configMessages.patterns).sort());
  });

  test('compiles under the strict options of the build', () => {
    assert.doesNotThrow(() => compileValidator('designrc'));
  });

  test('templates: {path} exactly once, normalised relative paths', () => {
    const validate = compileValidator('designrc');
    const ok = (t: string) => validate({ components: [{ code: t, design: 'd/{path}.md', test: 't/{path}.ts' }] });
    for (const good of ['lib/{path}.ex', '{path}.go', 'lib/c++/{path}.cc', 'a/{path}/index.ts', 'docs/design/{path}.md']) assert.equal(ok(good), true, good);
    for (const bad of ['lib/x.ex', '{path}/{path}', '/lib/{path}', '../{path}', 'a/../{path}', './{path}', 'a//{path}', '{path}/', 'a\\{path}', 'C:/{path}', '']) {
      assert.equal(ok(bad), false, bad);
    }
  });
});

describe('loadValidator', () => {
  test('the precompiled file is dist/validators/ of our package, from source, dist or bundle alike', () => {
    assert.equal(defaultPrecompiledFile('designrc'), join(projectRoot, 'dist/validators/designrc.cjs'));
  });

  test('without a precompiled file the schema is compiled at runtime', () => {
    const missing = join(projectRoot, 'no-such-folder/designrc.cjs');
    assert.equal(existsSync(missing), false);
    const validate = loadValidator('designrc', missing);
    assert.equal(validate({ preset: 'go' }), true);
    assert.equal(validate({ preset: 7 }), false);
    assert.equal(loadValidator('designrc', missing), validate, 'cached');
  });

  test('the precompiled standalone validator reports exactly what the runtime one does', () => {
    const dir = makeTempDir();
    try {
      const precompiled = loadValidator('designrc', buildStandalone(dir));
      const runtime = compileValidator('designrc');
      assert.notEqual(precompiled, runtime);
      let compared = 0;
      for (const name of invalidFixtures) {
        const value = parseJsonSource(readFileSync(join(fixtures, 'invalid', name), 'utf8')).value;
        if (typeof value !== 'object' || value === null) continue;
        assert.equal(precompiled(value), runtime(value), name);
        assert.deepEqual(describeErrors(precompiled.errors ?? [], readSchema('designrc')), describeErrors(runtime.errors ?? [], readSchema('designrc')), name);
        compared++;
      }
      assert.ok(compared >= 20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('describeErrors', () => {
  const schema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      either: { description: 'x', anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      count: { description: 'x', type: 'integer', minimum: 2, maximum: 9 },
      names: { description: 'x', type: 'object', propertyNames: { pattern: '^[a-z]+$' } },
      list: { description: 'x', type: 'array', minItems: 2, uniqueItems: true },
    },
  } as const;
  const describe_ = (data: unknown) => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    assert.equal(validate(data), false);
    return describeErrors(validate.errors as ErrorObject[], schema as unknown as Node).map((i) => `${i.at}${i.onKey ? ' (key)' : ''}: ${i.message}`);
  };

  test('an anyOf whose branches all fail on type becomes one line', () => {
    assert.deepEqual(describe_({ either: 1 }), ['/either: must be a string or an array']);
  });

  test('an anyOf branch that got past its type check speaks for itself', () => {
    assert.deepEqual(describe_({ either: ['a', 2] }), ['/either/1: must be a string']);
  });

  test('a wrong type hides every other complaint about that value', () => {
    assert.deepEqual(describe_({ count: 'x' }), ['/count: must be an integer']);
    assert.deepEqual(describe_({ count: 1.5 }), ['/count: must be an integer']);
  });

  test('limits, misnamed keys, repeats and unknown keys', () => {
    assert.deepEqual(describe_({ count: 1, names: { Bad: 1 }, list: [1], extra: 1, coutn: 3 }).sort(), [
      "/count: must be at least 2",
      "/coutn (key): unknown key 'coutn' (did you mean 'count'?)",
      "/extra (key): unknown key 'extra' (allowed: either, count, names, list)",
      '/list: must have at least 2 items',
      "/names/Bad (key): key 'Bad' has the wrong form",
    ]);
    assert.deepEqual(describe_({ count: 10, list: [1, 1] }), ['/count: must be at most 9', '/list/1: is listed twice (first at [0])']);
  });
});
