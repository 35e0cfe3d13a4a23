/** The package version, read once from our own package.json (from source, dist/ or the bundle). */
import { readFileSync } from 'node:fs';
import { packageFile } from '../core/package-root.js';

export const version: string = (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
