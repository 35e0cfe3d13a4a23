/**
 * Loads the bundled CLI (one CommonJS file) through V8's code cache: what Node 22 does with
 * `module.enableCompileCache()`, which Node 20 lacks. Compiling the bundle is most of designgate's
 * start-up beyond Node's own; with the cache V8 deserializes the functions an earlier run compiled.
 *
 * V8 checks a cache only against the length of the source, its own version and its flags, so a
 * cache must never meet another source of the same length: its file name carries the bundle's
 * content id (given by the build) and what decides the flags (Node's version and platform, its
 * options). A cache V8 rejects, or none, costs only the compile it would have cost anyway.
 */
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { Module } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** The runtime facts that decide whether V8 can use a cache. */
export interface Runtime {
  version: string;
  arch: string;
  platform: string;
  execArgv: readonly string[];
  nodeOptions: string;
}

export function currentRuntime(): Runtime {
  return {
    version: process.version,
    arch: process.arch,
    platform: process.platform,
    execArgv: process.execArgv,
    nodeOptions: process.env['NODE_OPTIONS'] ?? '',
  };
}

/**
 * Which cache a command line uses: one per command (and per hook), because a cache holds what one
 * run compiled and V8 reads all of it; 'main' for everything else (`--version`, `--help`, none).
 * @example cacheGroup(['hook', 'pre-commit']) // 'hook-pre-commit'
 */
export function cacheGroup(argv: readonly string[]): string {
  const [command, sub] = argv;
  if (command === undefined || !WORD.test(command)) return 'main';
  return command === 'hook' && sub !== undefined && WORD.test(sub) ? `hook-${sub}` : command;
}

const WORD = /^[a-z][a-z-]{0,31}$/;

/**
 * Where the cache of `file` (whose content id is `id`) lives for one group and this runtime: beside
 * the file, so nobody but who can change the code can change its cache.
 * @example cacheFileFor('/pkg/dist/bin/cli.cjs', '3f9a0c1d', 'status', runtime) // '/pkg/dist/bin/cli.3f9a0c1d.status.v20.20.2-x64-linux.cache'
 */
export function cacheFileFor(file: string, id: string, group: string, runtime: Runtime): string {
  const options = [...runtime.execArgv, runtime.nodeOptions].join('\0');
  const flags = options === '' ? '' : `-${fnv1a(options)}`;
  const stem = basename(file).replace(/\.c?js$/, '');
  return join(dirname(file), `${stem}.${id}.${group}.${runtime.version}-${runtime.arch}-${runtime.platform}${flags}.cache`);
}

/** 32-bit FNV-1a, hex: enough to tell option sets apart in a file name without loading node:crypto. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export interface LoadOptions {
  /** The CommonJS file to run. */
  file: string;
  /** Its cache file (see cacheFileFor); undefined runs it without one. */
  cacheFile: string | undefined;
  /**
   * Stands in for `import()` inside the file. Node 20 does not let code compiled by `vm.Script`
   * call `import()` once it comes from a cache (the callback is lost), so the build rewrites the
   * bundle's `import("x")` of external packages to this function, defined in a module Node loaded.
   */
  importModule: (specifier: string) => Promise<unknown>;
  /** How to read `file`: 'latin1' only for a file whose non-ASCII characters are all in comments. */
  encoding?: 'utf8' | 'latin1';
}

export interface Loaded {
  /** What the file assigned to `module.exports`. */
  exports: unknown;
  /** Whether V8 used the cache (false: none, unreadable or rejected). */
  accepted: boolean;
  /**
   * Writes the cache of every function compiled so far (call it late: after the work, so the
   * functions the work compiled are in it). Atomic; false when it could not be written, which only
   * costs speed.
   */
  save(): boolean;
}

/**
 * Runs `file` as a CommonJS module, compiled with its cache when V8 accepts it.
 * @example const { exports } = loadWithCodeCache({ file, cacheFile, importModule: (s) => import(s) })
 */
export function loadWithCodeCache(options: LoadOptions): Loaded {
  const { file, cacheFile } = options;
  // latin1: the build checks that the bundle's only non-ASCII characters sit in comments (esbuild
  // escapes them everywhere else), and a one-byte read is ~2 ms faster than decoding UTF-8.
  const source = readFileSync(file, options.encoding ?? 'utf8');
  let cachedData: Buffer | undefined;
  if (cacheFile !== undefined) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname, __designgateImport) {${source}\n})`;
  const script = new Script(wrapped, { filename: file, ...(cachedData === undefined ? {} : { cachedData }) });
  const accepted = cachedData !== undefined && !script.cachedDataRejected;
  const mod = new Module(file);
  mod.filename = file;
  const fn = script.runInThisContext() as (...args: unknown[]) => void;
  fn.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dirname(file), options.importModule);
  return {
    exports: mod.exports,
    accepted,
    save: () => (cacheFile === undefined ? false : writeAtomic(cacheFile, () => script.createCachedData())),
  };
}

/** The temporary file is opened first: where it cannot be (a read-only install), no cache is made. */
function writeAtomic(target: string, data: () => Buffer): boolean {
  const temporary = `${target}.${process.pid}.tmp`;
  let fd: number;
  try {
    fd = openSync(temporary, 'wx');
  } catch {
    return false;
  }
  try {
    try {
      // writeFileSync on a descriptor writes the whole buffer (writeSync may write part of it).
      writeFileSync(fd, data());
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, target);
    return true;
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // already gone
    }
    return false;
  }
}
