/**
 * Boundary drift on real code: each code file's imports — TypeScript/JavaScript imports, Elixir
 * module references (`alias`, `import`, `use`, `require`, qualified calls), Python `import`/`from`
 * statements and Go import declarations — resolved to the components they land in, must be listed
 * in the importing design's `depends_on`, and must stay in the contexts the architecture lets the
 * importer's context reach. A Go import names a package (a folder) and so reaches every component
 * in it: declaring any one of them declares the package. Imports of ignored files (the type-only
 * `types.ts` modules, `__init__.py`, which have no design) and of packages from outside are not
 * components and pass. Severity follows `gates.architecture`. Returns problems; never prints.
 */
import { posix } from 'node:path';
import type { ConfigGroup } from '../workspace.js';
import type { Problem } from '../problem.js';
import { compileMapping } from '../mapping.js';
import { compileGlobs } from '../glob.js';
import { tryReadFrontmatter } from '../frontmatter.js';
import type { Architecture } from '../architecture/reader.js';
import { allowedFrom, contextsOf } from '../architecture/rules.js';
import { componentId, designRoot } from '../architecture/components.js';
import { DEFAULT_ARCHITECTURE, severityOf, type ReadText } from '../architecture/gate1.js';
import { readImports } from './imports.js';
import { resolveImport } from './resolve.js';
import { readElixirReferences } from './elixir.js';
import { resolveModule } from './elixir-modules.js';
import { readPythonImports } from './python.js';
import { pythonRoots, resolvePythonImport } from './python-modules.js';
import { readGoImports } from './go.js';
import { goModules, goPackageDir, goPackages, type GoModule } from './go-packages.js';
import { architectureMessages as m } from '../messages/architecture.js';

/** The extensions whose imports are read. */
export const SCRIPT_EXTENSIONS: ReadonlySet<string> = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
/** Elixir sources, whose module references are read by core/boundaries/elixir. */
export const ELIXIR_EXTENSIONS: ReadonlySet<string> = new Set(['.ex', '.exs']);
/** Python sources, whose imports are read by core/boundaries/python. */
export const PYTHON_EXTENSIONS: ReadonlySet<string> = new Set(['.py']);
/** Go sources, whose import declarations are read by core/boundaries/go. */
export const GO_EXTENSIONS: ReadonlySet<string> = new Set(['.go']);

/** Whether boundary drift reads files with this extension. */
const readable = (ext: string) => SCRIPT_EXTENSIONS.has(ext) || ELIXIR_EXTENSIONS.has(ext) || PYTHON_EXTENSIONS.has(ext) || GO_EXTENSIONS.has(ext);

interface Reference {
  specifier: string;
  line: number;
  column: number;
  /** The config-relative files it lands in: none for a package from outside, several for a Go package. */
  targets: string[];
}

const only = (target: string | undefined) => (target === undefined ? [] : [target]);

/** A file names a module many times (Elixir, Python); its first mention stands for all of them. */
function firstMentions(refs: Reference[]): Reference[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = r.targets[0] ?? r.specifier;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The reader of one group's code files, by language. What a language needs from the whole group
 * (Python's source roots, Go's modules and packages) is worked out on first use, once.
 */
function referenceReader(group: ConfigGroup, read: ReadText, files: ReadonlySet<string>) {
  let roots: string[] | undefined;
  let moduleOf: ((file: string) => Promise<GoModule | undefined>) | undefined;
  let packages: Map<string, string[]> | undefined;
  return async (local: string, code: string): Promise<Reference[]> => {
    const ext = posix.extname(local);
    if (SCRIPT_EXTENSIONS.has(ext)) return readImports(code, local).map((r) => ({ ...r, targets: only(resolveImport(local, r.specifier, files)) }));
    if (ELIXIR_EXTENSIONS.has(ext)) {
      return firstMentions(readElixirReferences(code).map((r) => ({ specifier: r.module, line: r.line, column: r.column, targets: only(resolveModule(r.module, files)) })));
    }
    if (PYTHON_EXTENSIONS.has(ext)) {
      roots ??= pythonRoots(group.config.components.map((c) => c.code), files);
      const found = readPythonImports(code).flatMap((imp) => resolvePythonImport(local, imp, roots!, files));
      return firstMentions(found.map((t) => ({ specifier: t.specifier, line: t.line, column: t.column, targets: [t.file] })));
    }
    moduleOf ??= goModules(group.prefix, files, read);
    const module = await moduleOf(local);
    if (module === undefined) return [];
    packages ??= goPackages(files);
    return readGoImports(code).map((i) => {
      const dir = goPackageDir(i.path, module);
      return { specifier: i.path, line: i.line, column: i.column, targets: dir === undefined ? [] : (packages!.get(dir) ?? []) };
    });
  };
}

/**
 * Checks the code files of `group` (only those under `paths`, when given: the staged files of a
 * pre-commit). `architecture` is Gate 1's parsed document, when there is one.
 * @example await checkBoundaries(group, read, { architecture }) // [{ ruleId: 'undeclared-import', line: 3, … }]
 */
export async function checkBoundaries(
  group: ConfigGroup,
  read: ReadText,
  options: { architecture?: Architecture; paths?: readonly string[] } = {},
): Promise<Problem[]> {
  const { config, prefix, files } = group;
  const severity = severityOf(config.gates.architecture);
  if (severity === undefined) return [];
  const ignored = compileGlobs(config.ignore);
  const mapping = compileMapping(config.components);
  const root = designRoot(config.components);
  const all = new Set(files);
  const architecture = options.architecture;
  const archFile = prefix + (config.architecture ?? DEFAULT_ARCHITECTURE);
  const wanted = options.paths === undefined ? undefined : new Set(options.paths);
  const problems: Problem[] = [];
  const referencesOf = referenceReader(group, read, all);

  for (const local of files) {
    const file = prefix + local;
    // The scope first: at a commit it holds a few paths of tens of thousands, and globs cost more.
    if (wanted !== undefined && !wanted.has(file)) continue;
    if (!readable(posix.extname(local)) || ignored(local)) continue;
    const triple = mapping.fromCode(local);
    if (triple === undefined || !all.has(triple.design)) continue;
    const designText = await read(prefix + triple.design);
    const code = await read(file);
    if (designText === undefined || code === undefined) continue;
    const doc = tryReadFrontmatter(designText, prefix + triple.design);
    if (!doc.ok) continue; // the structural gate reports an unreadable design
    const raw = doc.doc.data['depends_on'];
    const declared = new Set(Array.isArray(raw) ? raw.filter((d): d is string => typeof d === 'string') : []);
    const ownId = componentId(triple.design, root);
    const own = architecture === undefined ? [] : contextsOf(architecture, local);
    const ownContext = own.length === 1 ? own[0]!.name : undefined;

    for (const ref of await referencesOf(local, code)) {
      // The components the reference reaches (a Go package may hold several), other than its own.
      const reached = new Map<string, string>();
      for (const target of ref.targets) {
        const hit = ignored(target) ? undefined : mapping.fromCode(target);
        const targetId = hit === undefined ? undefined : componentId(hit.design, root);
        if (targetId !== undefined && targetId !== ownId && !reached.has(targetId)) reached.set(targetId, target);
      }
      if (reached.size === 0) continue;
      const at = { file, line: ref.line, column: ref.column };
      if (architecture !== undefined && ownContext !== undefined) {
        const allowed = allowedFrom(architecture, ownContext);
        const forbidden = [...reached.values()]
          .map((target) => contextsOf(architecture, target)[0]?.name)
          .find((name) => name !== undefined && name !== ownContext && !allowed.includes(name));
        if (forbidden !== undefined) {
          problems.push({ ...at, ruleId: 'forbidden-import', severity, message: m.forbiddenImport(ref.specifier, ownContext, forbidden), fix: m.forbiddenImportFix(ownContext, forbidden, archFile) });
          continue;
        }
      }
      const ids = [...reached.keys()];
      if (ids.some((id) => declared.has(id))) continue;
      const design = prefix + triple.design;
      const [message, fix] =
        ids.length === 1
          ? [m.undeclaredImport(ref.specifier, ids[0]!, design), m.undeclaredImportFix(ids[0]!, design)]
          : [m.undeclaredPackageImport(ref.specifier, ids, design), m.undeclaredPackageImportFix(ids, design)];
      problems.push({ ...at, ruleId: 'undeclared-import', severity, message, fix });
    }
  }
  return problems;
}
