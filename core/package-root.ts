/**
 * Finds files of the designgate package itself (package.json, schema/, dist/validators/) by
 * walking up from this module to the folder whose package.json is named "designgate". The same
 * code runs from source under tsx (core/), compiled (dist/core/) and bundled (dist/bin/cli.cjs),
 * so no fixed `../..` depth is right everywhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** @example packageRoot() // '/usr/lib/node_modules/designgate' */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  if (cached !== undefined && from === fileURLToPath(import.meta.url)) return cached;
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'designgate') {
          if (from === fileURLToPath(import.meta.url)) cached = dir;
          return dir;
        }
      } catch {
        // an unreadable manifest on the way up is not ours; keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`designgate: cannot find its own package.json above ${from}`);
    dir = parent;
  }
}

/** A path inside the package: packageFile('schema', 'designrc.schema.json'). */
export function packageFile(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}
