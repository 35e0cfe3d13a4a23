/** The package version, read once from our package.json (from source under tsx or from dist/). */
import { readFileSync } from 'node:fs';

function readVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'designgate' && pkg.version) return pkg.version;
    } catch {
      // not this level; try the next one up
    }
  }
  return '0.0.0';
}

export const version: string = readVersion();
