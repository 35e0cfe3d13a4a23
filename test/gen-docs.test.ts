/**
 * The generated reference pages (scripts/gen-docs.mjs): up to date with the command registry, the
 * schema and the lint rules, complete, and true about the defaults the loader applies.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from './helpers/repo.js';
import { commands, summaries } from '../cli/commands/index.js';
import { EXIT } from '../cli/exit.js';
import { exitMeanings } from '../cli/messages.js';
import { parseConfig } from '../core/config/load.js';
import type { Command } from '../cli/command.js';

interface KeyRow {
  path: string;
  type: string;
  default: string;
  description: string;
}
interface GenDocs {
  renderCliDoc(cli: { commands: Command[]; summaries: Record<string, string>; exit: Record<string, number>; exitMeanings: Record<string, string> }): string;
  configKeys(schema: unknown): KeyRow[];
  renderConfigDoc(current: string, schema: unknown): string;
  CONFIG_BEGIN: string;
  CONFIG_END: string;
}

// A script, not a module of ours: loaded by URL, typed by hand above.
const gen = (await import(pathToFileURL(join(projectRoot, 'scripts/gen-docs.mjs')).href)) as GenDocs;
const schema = JSON.parse(readFileSync(join(projectRoot, 'schema/designrc.schema.json'), 'utf8')) as Record<string, unknown>;
const loaded = await Promise.all(Object.values(commands).map((load) => load()));
const cli = { commands: loaded, summaries: summaries as Record<string, string>, exit: { ...EXIT } as Record<string, number>, exitMeanings: exitMeanings as Record<string, string> };

describe('scripts/gen-docs.mjs', () => {
  test('docs/cli.md, docs/config.md and docs/rules.md are exactly what it generates', () => {
    const r = spawnSync(process.execPath, [join(projectRoot, 'scripts/gen-docs.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stderr}(regenerate with: node scripts/gen-docs.mjs)`);
  });

  test('the CLI reference has every command, every option with its description, and every exit code', () => {
    const doc = gen.renderCliDoc(cli);
    for (const command of loaded) {
      assert.match(doc, new RegExp(`^## ${command.name}$`, 'm'));
      for (const line of command.usage) assert.ok(doc.includes(line), line);
      for (const [name, spec] of Object.entries(command.options)) {
        assert.ok(doc.includes(`--${name}`) && doc.includes(spec.description.replaceAll('<', '&lt;').replaceAll('|', '\\|')), `${command.name} --${name}`);
      }
    }
    for (const code of Object.values(EXIT)) assert.match(doc, new RegExp(`^\\| ${code} \\| \\S`, 'm'));
  });

  test('a new option changes the page; an option without a description is refused', () => {
    const [first, ...rest] = loaded;
    const added: Command = { ...first!, options: { ...first!.options, 'brand-new': { type: 'boolean', description: 'a brand-new switch' } } };
    assert.notEqual(gen.renderCliDoc({ ...cli, commands: [added, ...rest] }), gen.renderCliDoc(cli));
    const blank: Command = { ...first!, options: { ...first!.options, 'brand-new': { type: 'boolean', description: '' } } };
    assert.throws(() => gen.renderCliDoc({ ...cli, commands: [blank, ...rest] }), /--brand-new of .* has no description/);
  });

  test('every schema key is in the config reference with a description; defaults live in `default`, not in prose', () => {
    const rows = gen.configKeys(schema);
    const paths = rows.map((r) => r.path);
    for (const key of ['preset', 'components[].code', 'types.<name>.sections', 'approvers[].keys', 'gates.approval', 'generator.host']) assert.ok(paths.includes(key), key);
    for (const row of rows) assert.doesNotMatch(row.description, /\bDefault:/, `${row.path}: put the default in the schema's "default", not in the description`);
    const noDescription = { type: 'object', properties: { fresh: { type: 'string' } } };
    assert.throws(() => gen.configKeys(noDescription), /schema key fresh has no description/);
  });

  test("the schema's defaults are the ones the loader fills in", () => {
    const config = parseConfig(
      JSON.stringify({ components: [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }], approvers: [{ name: 'Jane Doe', email: 'jane@example.com' }], gates: {}, generator: { model: 'm' } }),
      '/repo/.designrc.json',
    );
    const loadedValue: Record<string, unknown> = {
      ignore: config.ignore,
      architecture: config.architecture,
      defaultType: config.defaultType,
      requiredApprovals: config.requiredApprovals,
      signedApprovals: config.signedApprovals,
      allowSelfApproval: config.allowSelfApproval,
      'approvers[].keys': config.approvers[0]!.keys,
      'approvers[].paths': config.approvers[0]!.paths,
      ...Object.fromEntries(Object.entries(config.gates).map(([k, v]) => [`gates.${k}`, v])),
      ...Object.fromEntries(Object.entries(config.generator!).filter(([k]) => k !== 'model').map(([k, v]) => [`generator.${k}`, v])),
    };
    const withDefault = gen.configKeys(schema).filter((r) => r.default !== '—' && r.default !== 'required');
    assert.deepEqual(withDefault.map((r) => r.path).sort(), Object.keys(loadedValue).sort(), 'every default the loader applies is documented, and no other');
    for (const row of withDefault) assert.equal(row.default, `\`${JSON.stringify(loadedValue[row.path])}\``, row.path);
  });

  test('only the marked section of docs/config.md is generated; without the markers it refuses', () => {
    const page = `# prose before\n\n${gen.CONFIG_BEGIN}\nOLD-GENERATED-TEXT\n${gen.CONFIG_END}\n\nprose after\n`;
    const out = gen.renderConfigDoc(page, schema);
    assert.ok(out.startsWith('# prose before\n\n') && out.endsWith('\n\nprose after\n'));
    assert.ok(!out.includes('OLD-GENERATED-TEXT') && out.includes('| `generator.model` | string | required |'));
    assert.throws(() => gen.renderConfigDoc('# no markers\n', schema), /markers/);
  });
});
