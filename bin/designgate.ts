#!/usr/bin/env node
/**
 * The executable (dist/bin/designgate.js, CommonJS): runs the bundled CLI (dist/bin/cli.cjs)
 * through V8's code cache and sets the exit code from what it returns (the one exit point).
 */
import { join } from 'node:path';
import { cacheFileFor, cacheGroup, currentRuntime, loadWithCodeCache } from './code-cache.js';

/** The bundle's content id, set by scripts/build.mjs; it names the caches (see code-cache). */
declare const DESIGNGATE_BUNDLE_ID: string;

// off: neither read nor write a cache; refresh: rewrite it after the command (the build's warm-up).
// Otherwise a command writes its cache when it had none V8 could use, and only after exit 0 or 1:
// exit 2 (a usage, configuration or internal error) leaves no file, so a mistyped command makes none.
const mode = process.env['DESIGNGATE_CODE_CACHE'];
const argv = process.argv.slice(2);
const file = join(__dirname, 'cli.cjs');
const loaded = loadWithCodeCache({
  file,
  cacheFile: mode === 'off' ? undefined : cacheFileFor(file, DESIGNGATE_BUNDLE_ID, cacheGroup(argv), currentRuntime()),
  // A function of this file, which Node itself loaded: its import() works (see code-cache).
  importModule: (specifier) => import(specifier),
  encoding: 'latin1',
});
if (mode === 'refresh' || (mode !== 'off' && !loaded.accepted)) {
  process.once('exit', (code) => {
    if (code === 0 || code === 1) loaded.save();
  });
}

const { run } = loaded.exports as { run: (args: string[]) => Promise<number> };
void run(argv).then((code) => {
  process.exitCode = code;
});
