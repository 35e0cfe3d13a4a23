/**
 * The CLI run from source (through tsx), as the bundle dist/bin/cli.cjs runs it: for tests that
 * need the child not to block on a build, or that run code under test from source.
 */
import { run } from '../../bin/cli.js';

process.exitCode = await run(process.argv.slice(2));
