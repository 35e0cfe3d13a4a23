/**
 * The remark preset of the design lint rules (`designgate/remark-preset`).
 *
 * `createPreset(options)` (lint-rules/preset.ts, re-exported) is the factory the CLI uses: pure,
 * options in, preset out, and importing it reads nothing. The default
 * export is what remark-cli and vscode-remark load from a `.remarkrc`: they can hand a preset no
 * options, so it builds them itself by reading the nearest `.designrc.json` and listing the design
 * and story documents once, when the module is first imported. This module is the only part of
 * the lint rules that touches the disk: the rules run on every keystroke in an editor and must stay
 * pure and fast, so every fact they need reaches them as options.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, parse, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Preset } from 'unified';
import { findConfigFile } from '../core/config/discover.js';
import { loadConfig } from '../core/config/load.js';
import { isDesignGateError, formatLocation } from '../core/errors.js';
import { lintMessages as m } from '../core/messages/lint.js';
import { createPreset } from './preset.js';
import { gatherFacts, optionsFromConfig, type DesignLintOptions } from './support/options.js';

export { createPreset, rules, ruleIds, severityOf } from './preset.js';
export type { DesignLintOptions, RuleId } from './support/options.js';

/**
 * The preset for the `.designrc.json` nearest above `dir`, with the stories and components found
 * in the work tree; the bare preset when there is none. For monorepos, a package's own
 * `.remarkrc.mjs` can `export default await presetFor(import.meta.dirname)`.
 */
export async function presetFor(dir: string): Promise<Preset> {
  const options = await optionsFor(dir);
  return createPreset(options ?? {});
}

/** The options for the `.designrc.json` nearest above `dir`, or undefined when there is none. */
export async function optionsFor(dir: string): Promise<DesignLintOptions | undefined> {
  const start = resolve(dir);
  const repoRoot = findRepoRoot(start);
  const file = findConfigFile(start, repoRoot ?? parse(start).root);
  if (file === undefined) return undefined;
  let config;
  try {
    config = loadConfig(file);
  } catch (error) {
    // remark-cli and the editor show an import failure's message: make it the located causes.
    if (!isDesignGateError(error)) throw error;
    const causes = error.causes.map((c) => `${formatLocation(c)}: ${c.message}`).join('; ');
    throw new Error(m.presetConfigError(causes === '' ? `${file}: ${error.message}` : causes), { cause: error });
  }
  const prefix = repoRoot === undefined ? '' : relative(repoRoot, config.root).split(sep).join('/');
  const base = optionsFromConfig(config, { repoPrefix: prefix === '' ? '' : `${prefix}/` });
  const files = await listDocuments(config.root, base);
  const facts = await gatherFacts(base, files, async (path) => readFile(join(config.root, path), 'utf8').catch(() => undefined));
  return { ...base, ...facts };
}

/** The top of the git work tree holding `dir` (a `.git` folder or file), found without running git. */
function findRepoRoot(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * Markdown files under the folders the design templates and the stories glob start with, relative
 * to the config root. Walking only those folders keeps node_modules and the code out of it.
 */
async function listDocuments(root: string, options: DesignLintOptions): Promise<string[]> {
  const starts = new Set<string>();
  for (const rule of options.components ?? []) starts.add(staticDir(rule.design.slice(0, rule.design.indexOf('{path}'))));
  if (options.stories !== undefined) starts.add(staticDir(options.stories));
  const out = new Set<string>();
  if (options.architecture !== undefined) out.add(options.architecture);
  // A start inside another start is walked once, as part of the outer one.
  const sorted = [...starts].sort();
  const roots = sorted.filter((s) => !sorted.some((o) => o !== s && (o === '' || s.startsWith(`${o}/`))));
  for (const start of roots) await walk(root, start, out);
  return [...out].sort();
}

/** The folder part of a path or glob before any glob character: `docs/stories/*.md` → `docs/stories`. */
function staticDir(pattern: string): string {
  const cut = pattern.search(/[*?[{!]/);
  const fixed = cut === -1 ? pattern : pattern.slice(0, cut);
  const slash = fixed.lastIndexOf('/');
  return slash === -1 ? '' : fixed.slice(0, slash);
}

async function walk(root: string, dir: string, out: Set<string>): Promise<void> {
  let entries;
  try {
    entries = await readdir(join(root, dir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) await walk(root, path, out);
    else if (entry.isFile()) out.add(path);
  }
}

/**
 * What remark-cli and vscode-remark load. They run in the project (remark-cli from its folder, the
 * editor's language server in the workspace), and offer a preset no other way to learn where it is:
 * so this entry point, like bin/, reads the current directory, and falls back to the folder this
 * package is installed in (…/node_modules/designgate) when that holds no `.designrc.json`.
 */
const installedIn = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const preset: Preset = createPreset((await optionsFor(process.cwd())) ?? (await optionsFor(installedIn)) ?? {});

export default preset;
