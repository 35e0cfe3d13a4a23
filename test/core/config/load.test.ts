import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatPath, loadConfig, parseConfig } from '../../../core/config/load.js';
import { defaultComponentTypes } from '../../../core/config/component-types.js';
import { DesignGateError, formatLocation } from '../../../core/errors.js';
import { makeTempDir, projectRoot } from '../../helpers/repo.js';

const fixtures = fileURLToPath(new URL('../../fixtures/config/', import.meta.url));

/** The causes of the CONFIG error `fn` throws, as `file:line:col: message` lines. */
function causesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof DesignGateError, `not a DesignGateError: ${String(error)}`);
    assert.equal(error.code, 'CONFIG');
    assert.ok(error.fix !== undefined && error.fix.length > 0);
    return error.causes.map((c) => `${formatLocation(c)}: ${c.message}`);
  }
  assert.fail('expected a CONFIG error');
}

const parseAt = (text: string) => () => parseConfig(text, '/repo/.designrc.json', { displayPath: '.designrc.json', appName: 'my_app' });

describe('parseConfig on malformed configs (test/fixtures/config/invalid)', () => {
  const names = readdirSync(join(fixtures, 'invalid')).filter((f) => f.endsWith('.json')).sort();

  test('there are at least 20 fixtures, each with its expected messages', () => {
    assert.ok(names.length >= 20, `${names.length} fixtures`);
    for (const name of names) assert.ok(readdirSync(join(fixtures, 'invalid')).includes(name.replace(/\.json$/, '.expected.txt')), name);
  });

  for (const name of names) {
    test(name.replace(/\.json$/, ''), () => {
      const text = readFileSync(join(fixtures, 'invalid', name), 'utf8');
      const expected = readFileSync(join(fixtures, 'invalid', name.replace(/\.json$/, '.expected.txt')), 'utf8').trimEnd().split('\n');
      assert.deepEqual(causesOf(parseAt(text)), expected);
    });
  }

  test('no message leaks validator wording, a stack or a pointer', () => {
    for (const name of names) {
      const lines = causesOf(parseAt(readFileSync(join(fixtures, 'invalid', name), 'utf8')));
      for (const line of lines) {
        assert.doesNotMatch(line, /must NOT|must match pattern|must have required property|instancePath|schemaPath|\n|    at /, `${name}: ${line}`);
        assert.match(line, /^\.designrc\.json:\d+:\d+: /, `${name}: ${line}`);
      }
    }
  });

  test('causes are sorted by position', () => {
    const lines = causesOf(parseAt(readFileSync(join(fixtures, 'invalid', 'many-mistakes.json'), 'utf8')));
    const positions = lines.map((l) => l.split(':').slice(1, 3).map(Number) as [number, number]);
    const sorted = [...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    assert.deepEqual(positions, sorted);
    assert.equal(lines.length, 5);
  });

  test('the headline names the display path, or the absolute file without one', () => {
    assert.throws(() => parseConfig('{', '/abs/.designrc.json'), (e: DesignGateError) => e.message === '/abs/.designrc.json: invalid configuration' && e.causes[0]?.file === '/abs/.designrc.json');
    assert.throws(parseAt('{'), (e: DesignGateError) => e.message === '.designrc.json: invalid configuration');
  });
});

describe('parseConfig on valid configs', () => {
  test('gates.alignment: a written level is kept, the default is warn, and another value is refused', () => {
    assert.equal(parseAt('{ "preset": "go", "gates": { "alignment": "error" } }')().gates.alignment, 'error');
    assert.equal(parseAt('{ "preset": "go" }')().gates.alignment, 'warn');
    const causes = causesOf(parseAt('{ "preset": "go", "gates": { "alignment": "strict" } }'));
    assert.equal(causes.length, 1);
    assert.match(causes[0]!, /^\.designrc\.json:1:\d+: gates\.alignment: /);
  });

  test("the product contract's fuller example loads with every value kept", () => {
    const file = join(fixtures, 'valid', 'product-full.json');
    const config = loadConfig(file);
    assert.equal(config.file, file);
    assert.equal(config.root, join(fixtures, 'valid'));
    assert.equal(config.preset, 'elixir-phoenix');
    // components given explicitly: the preset does not replace or extend them
    assert.deepEqual(config.components, [{ code: 'lib/my_app/{path}.ex', design: 'docs/design/{path}.md', test: 'test/my_app/{path}_test.exs' }]);
    assert.deepEqual(config.ignore, ['lib/my_app_web/telemetry.ex']);
    assert.equal(config.stories, 'docs/stories/*.md');
    assert.equal(config.architecture, 'docs/architecture.md');
    assert.equal(config.allowedSignersFile, '.designgate/allowed_signers');
    assert.deepEqual(config.approvers[0]?.paths, ['docs/**']);
    assert.deepEqual(config.types['service']?.sections, ['Purpose', 'Public API', 'Dependencies', 'Error Handling', 'Test Scenarios']);
    // a configured type listing only sections keeps the built-in guidance of those sections
    assert.equal(config.types['service']?.guidance['Error Handling'], defaultComponentTypes['service']?.guidance['Error Handling']);
    assert.deepEqual(config.generator, {
      host: 'http://127.0.0.1:11434',
      model: 'qwen2.5-coder:7b',
      options: { temperature: 0, seed: 7 },
      maxAttempts: 3,
      testCommand: 'mix test {test}',
      timeoutSeconds: 600,
      lockTests: true,
      allowRemoteHost: false,
    });
  });

  test('defaults: ignore, architecture, types, defaultType, approvals, gates; no generator unless configured', () => {
    const config = parseConfig('{ "components": [{ "code": "src/{path}.ts", "design": "docs/design/{path}.md", "test": "test/{path}.test.ts" }] }', '/repo/pkg/.designrc.json');
    assert.deepEqual(config, {
      root: '/repo/pkg',
      file: '/repo/pkg/.designrc.json',
      components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }],
      ignore: [],
      architecture: 'docs/architecture.md',
      types: defaultComponentTypes,
      defaultType: 'module',
      approvers: [],
      requiredApprovals: 1,
      signedApprovals: true,
      allowSelfApproval: false,
      gates: { approval: 'error', completeness: 'error', architecture: 'warn', alignment: 'warn' },
    });
    assert.equal('generator' in config, false);
    assert.equal('preset' in config, false);
  });

  test('generator defaults fill everything but the model', () => {
    const config = parseConfig('{ "preset": "go", "generator": { "model": "m" } }', '/r/.designrc.json');
    assert.deepEqual(config.generator, {
      host: 'http://127.0.0.1:11434',
      model: 'm',
      options: {},
      maxAttempts: 3,
      timeoutSeconds: 600,
      lockTests: true,
      allowRemoteHost: false,
    });
  });

  test('custom types replace built-ins of the same name and get guidance for familiar sections', () => {
    const config = loadConfig(join(fixtures, 'valid', 'custom-types.json'));
    assert.equal(config.defaultType, 'adapter');
    assert.deepEqual(config.types['module'], {
      sections: ['Purpose', 'Test Scenarios'],
      guidance: { Purpose: defaultComponentTypes['module']!.guidance['Purpose']!, 'Test Scenarios': defaultComponentTypes['module']!.guidance['Test Scenarios']! },
    });
    assert.deepEqual(Object.keys(config.types['adapter']!.guidance), ['Purpose', 'Public API', 'Protocol', 'Test Scenarios']);
    assert.equal(config.types['adapter']!.guidance['Protocol'], 'The wire format it speaks and the versions it accepts.');
    assert.deepEqual(config.types['cli'], defaultComponentTypes['cli']);
    assert.deepEqual(config.components.map((c) => c.type), ['cli', 'adapter']);
    assert.deepEqual(config.approvers[0], { name: 'Jane Doe', email: 'jane@example.com', keys: [], paths: ['**'] });
    assert.equal(config.requiredApprovals, 2);
    assert.equal(config.signedApprovals, false);
    assert.equal(config.allowSelfApproval, true);
    assert.deepEqual(config.gates, { approval: 'off', completeness: 'error', architecture: 'warn', alignment: 'warn' });
    assert.equal(config.generator?.allowRemoteHost, true);
  });

  test('the normalised config shares nothing with the built-in types', () => {
    const config = parseConfig('{ "preset": "go" }', '/r/.designrc.json');
    config.types['module']!.sections.push('Changed');
    assert.deepEqual(defaultComponentTypes['module']!.sections, ['Purpose', 'Public API', 'Dependencies', 'Test Scenarios']);
  });

  test('a preset fills components and its ignore globs when components are absent', () => {
    const config = parseConfig('{ "preset": "typescript", "ignore": ["src/generated/**"] }', '/r/.designrc.json');
    assert.deepEqual(config.components, [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }]);
    assert.deepEqual(config.ignore, ['**/*.d.ts', 'src/generated/**']);
    assert.equal(config.preset, 'typescript');
  });

  test('elixir-phoenix takes the app name from mix.exs beside the config, or from the option', () => {
    const dir = makeTempDir();
    try {
      writeFileSync(join(dir, 'mix.exs'), 'defmodule Shop.MixProject do\n  def project do\n    [\n      app: :shop,\n      version: "0.1.0"\n    ]\n  end\nend\n');
      const fromMix = parseConfig('{ "preset": "elixir-phoenix" }', join(dir, '.designrc.json'));
      assert.deepEqual(fromMix.components.map((c) => c.code), ['lib/shop_web/{path}.ex', 'lib/shop/{path}.ex']);
      const fromOption = parseConfig('{ "preset": "elixir-phoenix" }', join(dir, '.designrc.json'), { appName: 'other' });
      assert.deepEqual(fromOption.components.map((c) => c.code), ['lib/other_web/{path}.ex', 'lib/other/{path}.ex']);
      rmSync(join(dir, 'mix.exs'));
      const generic = parseConfig('{ "preset": "elixir-phoenix" }', join(dir, '.designrc.json'));
      assert.deepEqual(generic.components, [{ code: 'lib/{path}.ex', design: 'docs/design/{path}.md', test: 'test/{path}_test.exs' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a BOM at the start is accepted', () => {
    assert.equal(loadConfig(join(fixtures, 'valid', 'bom.json')).preset, 'typescript');
  });

  test("designgate's own .designrc.json loads", () => {
    const config = loadConfig(join(projectRoot, '.designrc.json'));
    assert.ok(config.components.length >= 6);
    assert.equal(config.root, projectRoot.replace(/\/$/, ''));
  });

  test('every valid fixture loads', () => {
    for (const name of readdirSync(join(fixtures, 'valid'))) {
      assert.doesNotThrow(() => loadConfig(join(fixtures, 'valid', name), { appName: 'my_app' }), name);
    }
  });

  test('schema errors and JSON-level mistakes are reported together', () => {
    assert.deepEqual(causesOf(parseAt('{\n  "preset": "go", // here\n  "gates": { "approval": 1 },\n}')), [
      '.designrc.json:2:19: comments are not allowed in JSON',
      '.designrc.json:3:26: gates.approval: must be a string',
      '.designrc.json:3:29: trailing comma',
    ]);
  });

  test('only the JSON-level mistakes when the value is otherwise fine', () => {
    assert.deepEqual(causesOf(parseAt('{ "preset": "go", }')), ['.designrc.json:1:17: trailing comma']);
  });
});

describe('loadConfig', () => {
  test('a missing file is a CONFIG error that says to run init', () => {
    assert.throws(
      () => loadConfig('/nonexistent/.designrc.json', { displayPath: 'pkg/.designrc.json' }),
      (e: DesignGateError) => e.code === 'CONFIG' && e.message === 'pkg/.designrc.json: not found' && /designgate init/.test(e.fix ?? ''),
    );
  });

  test('an unreadable file is an IO error', { skip: process.getuid?.() === 0 ? 'root reads everything' : false }, () => {
    const dir = makeTempDir();
    try {
      const file = join(dir, '.designrc.json');
      writeFileSync(file, '{ "preset": "go" }');
      chmodSync(file, 0o000);
      assert.throws(() => loadConfig(file), (e: DesignGateError) => e.code === 'IO' && e.message === `cannot read ${file}: EACCES`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a directory in place of the file is an IO error, not a crash', () => {
    const dir = makeTempDir();
    try {
      mkdirSync(join(dir, '.designrc.json'));
      assert.throws(() => loadConfig(join(dir, '.designrc.json')), (e: DesignGateError) => e.code === 'IO');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('formatPath', () => {
  test('writes dotted keys, bracketed indexes, and quotes keys that are not identifiers', () => {
    assert.equal(formatPath([]), '');
    assert.equal(formatPath(['components', 0, 'code']), 'components[0].code');
    assert.equal(formatPath(['$schema']), '$schema');
    assert.equal(formatPath(['types', 'my-type', 'guidance', 'Public API']), 'types.my-type.guidance["Public API"]');
    assert.equal(formatPath(['generator', 'options', '0']), 'generator.options["0"]');
  });
});

describe('docs/config.md', () => {
  const doc = readFileSync(join(projectRoot, 'docs/config.md'), 'utf8');

  test('documents every key of the schema', () => {
    const schema = JSON.parse(readFileSync(join(projectRoot, 'schema/designrc.schema.json'), 'utf8')) as Record<string, unknown>;
    const keys = new Set<string>();
    const visit = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
        if (k === 'properties') for (const name of Object.keys(v as object)) keys.add(name);
        visit(v);
      }
    };
    visit(schema);
    // A nested key appears in the generated reference by its path: `generator.host`, `components[].code`.
    for (const key of keys) assert.ok(doc.includes(`\`${key}\``) || doc.includes(`.${key}\``), `docs/config.md does not mention \`${key}\``);
  });

  test('its fuller example loads (with a real key in place of the shortened one)', () => {
    const example = /## A fuller example\n\n```json\n([\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(example);
    const text = example.replace('AAAAC3Nza…', 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl');
    const config = parseConfig(text, '/repo/.designrc.json');
    assert.equal(config.components.length, 2);
    assert.equal(config.components[0]?.type, 'ui');
  });
});

describe('parseConfig under mutation', () => {
  test('3000 seeded mutations of the fixtures: a config or a CONFIG error whose every cause has a line, never a crash', () => {
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const sources = ['valid', 'invalid'].flatMap((kind) =>
      readdirSync(join(fixtures, kind)).filter((f) => f.endsWith('.json')).map((f) => readFileSync(join(fixtures, kind, f), 'utf8')),
    );
    const alphabet = ['{', '}', '[', ']', ',', ':', '"', '\\', '/', '*', '\n', ' ', 'a', '1', '-', 'e', '.', 'true', 'null', '{path}', '\u0000', '\ud800'];
    for (let i = 0; i < 3000; i++) {
      let text = sources[random(sources.length)]!;
      for (let k = 0, edits = 1 + random(4); k < edits; k++) {
        const at = random(text.length + 1);
        const op = random(3);
        const piece = alphabet[random(alphabet.length)]!;
        text = op === 0 ? text.slice(0, at) + piece + text.slice(at) : op === 1 ? text.slice(0, at) + text.slice(at + 1 + random(8)) : text.slice(0, at) + piece + text.slice(at + 1);
      }
      try {
        parseConfig(text, '/r/.designrc.json', { appName: 'my_app' });
      } catch (error) {
        assert.ok(error instanceof DesignGateError && error.code === 'CONFIG', `${JSON.stringify(text)}: ${String(error)}`);
        assert.ok(error.causes.length > 0);
        for (const cause of error.causes) assert.ok(cause.line !== undefined && cause.column !== undefined && !cause.message.includes('\n'), `${JSON.stringify(text)}: ${cause.message}`);
      }
    }
  });
});
