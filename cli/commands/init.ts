/**
 * `designgate init [--preset P]`: detects the preset and writes `.designrc.json` (with `$schema`,
 * the mapping rules and the component types, so the templates are visible and editable) and the
 * design folder. It never overwrites an existing config; running it again is safe.
 */
import { mkdir } from 'node:fs/promises';
import { existsSync, realpathSync } from 'node:fs';
import { join, relative, sep, dirname } from 'node:path';
import type { Command, Io } from '../command.js';
import { DesignGateError } from '../../core/errors.js';
import { findRepoRoot, registerApprovedByTrailer } from '../../core/git/worktree.js';
import { detectPreset } from '../../core/config/detect.js';
import { presetIgnore, presetNames as presets, presetRules, type PresetName } from '../../core/config/presets.js';
import { defaultComponentTypes } from '../../core/config/component-types.js';
import { parseConfig } from '../../core/config/load.js';
import { parseTemplate } from '../../core/mapping.js';
import { writeFileAtomic, TargetExistsError } from '../../core/fs-atomic.js';
import { workspaceMessages } from '../../core/messages/workspace.js';
import { packageFile } from '../../core/package-root.js';
import { EXIT } from '../exit.js';
import { cliMessages } from '../messages.js';


export const command: Command = {
  name: 'init',
  usage: ['designgate init [--preset typescript|elixir-phoenix|python|go] [--app <name>] [--skip-hooks]'],
  options: {
    preset: { type: 'string', description: 'the preset to use instead of detecting one from the repository' },
    app: { type: 'string', description: 'the application name for presets that use one (elixir-phoenix: lib/<app>/)' },
    'skip-hooks': { type: 'boolean', description: 'do not install the git hooks (pre-commit, commit-msg, pre-push, pre-merge-commit)' },
  },
  details:
    'Run it at the root of your repository (or of a package in a monorepo). It writes .designrc.json, creates\n' +
    'the design folder, writes .remarkrc.json so editors lint designs with the designgate preset, registers the\n' +
    'Approved-by trailer with git, and installs the git hooks as husky shims that call designgate directly.\n' +
    'Existing files are kept as they are, so running it again is safe.',
  async run(io, { values }) {
    const repoRoot = await findRepoRoot(io.cwd, io.env);
    if (repoRoot === undefined) throw new DesignGateError('GIT', workspaceMessages.notARepository(io.cwd), { fix: workspaceMessages.notARepositoryFix });
    // git reports the real top level; resolve symlinks in cwd too so relative paths stay inside it.
    const configFile = join(realpathSync(io.cwd), '.designrc.json');
    const wanted = values['preset'];
    // A wrong --preset is a usage error even when there is nothing left to do.
    if (typeof wanted === 'string' && !presets.includes(wanted as PresetName)) {
      throw new DesignGateError('USAGE', cliMessages.initUnknownPreset(wanted, presets), { fix: cliMessages.badArgumentsFix('init') });
    }
    const configDir = dirname(configFile);
    if (existsSync(configFile)) io.stdout(cliMessages.initKept(relative(repoRoot, configFile) || '.designrc.json'));
    else await writeConfig(io, configFile, typeof wanted === 'string' ? (wanted as PresetName) : undefined, typeof values['app'] === 'string' ? values['app'] : undefined);
    await writeRemarkrc(io, configDir);
    if (await registerApprovedByTrailer(repoRoot, io.env)) io.stdout(cliMessages.initTrailerRegistered);
    if (values['skip-hooks'] !== true) {
      // Loaded here only: the hook installer is not needed by any other step of init.
      const { installHooks } = await import('../../hooks/install.js');
      const report = await installHooks({ repoRoot, env: io.env, binPath: packageFile('dist', 'bin', 'designgate.js') });
      io.stdout(cliMessages.initHooksInstalled);
      for (const note of report.notes) io.stdout(cliMessages.initNote(note));
    }
    return EXIT.ok;
  },
};

/** Writes `.designrc.json` for the wanted or detected preset, and creates the design folders. */
async function writeConfig(io: Io, configFile: string, wanted: PresetName | undefined, app: string | undefined): Promise<void> {
  let preset: PresetName;
  let appName = app;
  if (wanted !== undefined) preset = wanted;
  else {
    const detected = detectPreset(dirname(configFile));
    if (detected === undefined) throw new DesignGateError('USAGE', cliMessages.initNoPreset, { fix: cliMessages.initNoPresetFix(presets) });
    preset = detected.preset;
    appName ??= detected.appName;
  }
  const components = presetRules(preset, appName === undefined ? {} : { appName });
  const config = {
    $schema: schemaReference(dirname(configFile)),
    preset,
    components,
    ignore: presetIgnore(preset),
    types: defaultComponentTypes,
    gates: { approval: 'error', completeness: 'error', architecture: 'warn' },
  };
  const text = `${JSON.stringify(config, null, 2)}\n`;
  parseConfig(text, configFile); // what we write must load: a bug here is ours, not the user's
  try {
    await writeFileAtomic(configFile, text, { overwrite: false });
  } catch (error) {
    if (error instanceof TargetExistsError) {
      io.stdout(cliMessages.initKept('.designrc.json'));
      return;
    }
    throw error;
  }
  const designDirs = [...new Set(components.map((c) => dirname(parseTemplate(c.design).prefix + 'x')))];
  for (const dir of designDirs) await mkdir(join(dirname(configFile), dir), { recursive: true });
  io.stdout(cliMessages.initWritten(preset, designDirs));
}

/**
 * Writes `.remarkrc.json` using our preset, so remark-cli and editors lint designs exactly as
 * `designgate lint` does, and — because the preset includes remark-frontmatter — a formatter never
 * rewrites frontmatter into a thematic break and a heading (which would change every digest).
 * An existing remark config of any form is the team's: keep it and say how to add the preset.
 */
async function writeRemarkrc(io: Io, dir: string): Promise<void> {
  const existing = remarkConfigNames.find((name) => existsSync(join(dir, name)));
  if (existing !== undefined) {
    io.stdout(cliMessages.initRemarkrcKept(existing));
    return;
  }
  try {
    await writeFileAtomic(join(dir, '.remarkrc.json'), `${JSON.stringify({ plugins: ['designgate/remark-preset'] }, null, 2)}\n`, { overwrite: false });
    io.stdout(cliMessages.initRemarkrcWritten);
  } catch (error) {
    if (!(error instanceof TargetExistsError)) throw error;
  }
}

const remarkConfigNames = ['.remarkrc', '.remarkrc.json', '.remarkrc.cjs', '.remarkrc.js', '.remarkrc.mjs', '.remarkrc.yaml', '.remarkrc.yml'];

/** `$schema` pointing at the installed package's schema, relative to the config, so editors validate it. */
function schemaReference(configDir: string): string {
  const schema = packageFile('schema', 'designrc.schema.json');
  const rel = relative(configDir, schema).split(sep).join('/');
  // Only a path through node_modules/designgate is portable; any other names folders of this machine.
  if (existsSync(schema) && /^(\.\.\/)*node_modules\/designgate\/schema\/designrc\.schema\.json$/.test(rel)) {
    return rel.startsWith('.') ? rel : `./${rel}`;
  }
  return './node_modules/designgate/schema/designrc.schema.json';
}
