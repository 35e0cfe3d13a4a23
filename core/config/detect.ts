/**
 * Guesses which preset fits a repository from the files at its top level, for `designgate init`
 * and for an `elixir-phoenix` config that needs the application name from mix.exs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PresetName } from './presets.js';

/** Marker files, most telling first: a Phoenix app also has assets with a package.json. */
const markers: ReadonlyArray<readonly [string, PresetName]> = [
  ['mix.exs', 'elixir-phoenix'],
  ['go.mod', 'go'],
  ['pyproject.toml', 'python'],
  ['setup.py', 'python'],
  ['package.json', 'typescript'],
  ['tsconfig.json', 'typescript'],
];

/**
 * Detects the preset from the repository's top-level files (mix.exs → elixir-phoenix with the app
 * name from mix.exs `app: :my_app`; go.mod → go; pyproject.toml/setup.py → python;
 * package.json/tsconfig.json → typescript).
 * @example detectPreset('/work/my_app') // { preset: 'elixir-phoenix', appName: 'my_app' }
 */
export function detectPreset(repoRoot: string): { preset: PresetName; appName?: string } | undefined {
  for (const [file, preset] of markers) {
    if (!existsSync(join(repoRoot, file))) continue;
    if (preset !== 'elixir-phoenix') return { preset };
    const appName = readMixAppName(repoRoot);
    return appName === undefined ? { preset } : { preset, appName };
  }
  return undefined;
}

/**
 * The OTP application name from `<dir>/mix.exs` (`app: :my_app`), or undefined when there is no
 * mix.exs or it names none (an umbrella root, say).
 */
export function readMixAppName(dir: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, 'mix.exs'), 'utf8');
  } catch {
    return undefined;
  }
  const code = text.replace(/#.*$/gm, ''); // a commented-out `app:` line does not count
  return /\bapp:\s*:([a-z_][a-zA-Z0-9_]*)\b/.exec(code)?.[1];
}
