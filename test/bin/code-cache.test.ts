import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cacheFileFor, cacheGroup, currentRuntime, loadWithCodeCache, type Runtime } from '../../bin/code-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'designgate-code-cache-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const runtime: Runtime = { version: 'v20.20.2', arch: 'x64', platform: 'linux', execArgv: [], nodeOptions: '' };
const importModule = (specifier: string): Promise<unknown> => import(specifier);

/** A module big enough that V8 keeps a cache of it, with a dependency and a dynamic import. */
function writeModule(name: string, extra = ''): string {
  const file = join(dir, name);
  writeFileSync(join(dir, 'dep.cjs'), 'module.exports = { answer: 42 };\n');
  const helpers = Array.from({ length: 50 }, (_, i) => `function h${i}(x) { return x * ${i} + ${i}; }`).join('\n');
  writeFileSync(
    file,
    `'use strict';\n${extra}\n${helpers}\nmodule.exports = {\n  sum: (n) => { let s = 0; for (let i = 0; i < n; i++) s += h7(i); return s; },\n  dep: () => require('./dep.cjs').answer,\n  dir: () => __dirname,\n  importer: () => __designgateImport,\n};\n`,
  );
  return file;
}

interface Api {
  sum(n: number): number;
  dep(): number;
  dir(): string;
  importer(): unknown;
}

describe('bin/code-cache', () => {
  test('cacheGroup names a hook by its hook, a command by its name, and falls back to main', () => {
    assert.equal(cacheGroup(['hook', 'pre-commit']), 'hook-pre-commit');
    assert.equal(cacheGroup(['hook']), 'hook');
    assert.equal(cacheGroup(['status', '--json']), 'status');
    assert.equal(cacheGroup([]), 'main');
    assert.equal(cacheGroup(['--version']), 'main');
    assert.equal(cacheGroup(['../../etc/x']), 'main');
    assert.equal(cacheGroup(['hook', '../x']), 'hook');
    assert.equal(cacheGroup(['a'.repeat(40)]), 'main');
  });

  test('cacheFileFor differs for another bundle id, command, Node version or Node options, and stays beside the file', () => {
    const file = '/pkg/dist/bin/cli.cjs';
    const base = cacheFileFor(file, 'abc', 'status', runtime);
    assert.equal(base, '/pkg/dist/bin/cli.abc.status.v20.20.2-x64-linux.cache');
    const others = [
      cacheFileFor(file, 'abd', 'status', runtime),
      cacheFileFor(file, 'abc', 'check', runtime),
      cacheFileFor(file, 'abc', 'status', { ...runtime, version: 'v22.11.0' }),
      cacheFileFor(file, 'abc', 'status', { ...runtime, arch: 'arm64' }),
      cacheFileFor(file, 'abc', 'status', { ...runtime, execArgv: ['--cpu-prof'] }),
      cacheFileFor(file, 'abc', 'status', { ...runtime, nodeOptions: '--max-old-space-size=100' }),
    ];
    assert.equal(new Set([base, ...others]).size, others.length + 1);
    for (const other of others) assert.equal(dirname(other), '/pkg/dist/bin');
    assert.equal(currentRuntime().version, process.version);
  });

  test('a file loaded without a cache runs, is not accepted, and save writes a cache', () => {
    const file = writeModule('first.cjs');
    const cacheFile = join(dir, 'first.cache');
    const loaded = loadWithCodeCache({ file, cacheFile, importModule });
    assert.equal(loaded.accepted, false);
    assert.equal((loaded.exports as Api).sum(10), 7 * 45 + 70);
    assert.equal(loaded.save(), true);
    assert.ok(readFileSync(cacheFile).length > 0);
  });

  test('loaded again with that cache, V8 accepts it and the module works the same', () => {
    const file = writeModule('again.cjs');
    const cacheFile = join(dir, 'again.cache');
    const first = loadWithCodeCache({ file, cacheFile, importModule });
    (first.exports as Api).sum(3);
    assert.ok(first.save());
    const second = loadWithCodeCache({ file, cacheFile, importModule });
    assert.equal(second.accepted, true);
    assert.equal((second.exports as Api).sum(10), (first.exports as Api).sum(10));
  });

  test('a corrupt cache is rejected and the module still runs', () => {
    const file = writeModule('corrupt.cjs');
    const cacheFile = join(dir, 'corrupt.cache');
    writeFileSync(cacheFile, Buffer.alloc(4096, 7));
    const loaded = loadWithCodeCache({ file, cacheFile, importModule });
    assert.equal(loaded.accepted, false);
    assert.equal((loaded.exports as Api).dep(), 42);
  });

  test('the module\'s require resolves beside the file, and __designgateImport is the given import function', async () => {
    const file = writeModule('require.cjs');
    const loaded = loadWithCodeCache({ file, cacheFile: undefined, importModule });
    const api = loaded.exports as Api;
    assert.equal(api.dep(), 42);
    assert.equal(api.dir(), dir);
    assert.equal(api.importer(), importModule);
    const path = (await (api.importer() as typeof importModule)('node:path')) as { join: unknown };
    assert.equal(typeof path.join, 'function');
  });

  test('save returns false and leaves nothing behind where the cache cannot be written', () => {
    const file = writeModule('nowhere.cjs');
    const cacheFile = join(dir, 'missing-folder', 'nowhere.cache');
    const loaded = loadWithCodeCache({ file, cacheFile, importModule });
    assert.equal(loaded.save(), false);
    assert.equal(existsSync(join(dir, 'missing-folder')), false);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  });

  test('without a cache file nothing is read or written', () => {
    const file = writeModule('none.cjs');
    const before = readdirSync(dir).sort();
    const loaded = loadWithCodeCache({ file, cacheFile: undefined, importModule });
    assert.equal(loaded.accepted, false);
    assert.equal(loaded.save(), false);
    assert.deepEqual(readdirSync(dir).sort(), before);
  });

  test('a latin1 read runs a file whose only non-ASCII text is in a comment', () => {
    const file = writeModule('latin1.cjs', '/** commit id \u2192 facts, and \u{1FAA6} */');
    const cacheFile = join(dir, 'latin1.cache');
    const first = loadWithCodeCache({ file, cacheFile, importModule, encoding: 'latin1' });
    assert.equal((first.exports as Api).sum(4), 7 * 6 + 28);
    assert.ok(first.save());
    const second = loadWithCodeCache({ file, cacheFile, importModule, encoding: 'latin1' });
    assert.equal(second.accepted, true);
    assert.equal((second.exports as Api).sum(4), 7 * 6 + 28);
  });
});
