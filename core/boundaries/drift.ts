/**
 * Boundary drift on real code: each TypeScript/JavaScript code file's imports, and each Elixir code
 * file's module references (`alias`, `import`, `use`, `require`, qualified calls; the first
 * reference to each component only), resolved to the component they land in, must be listed in the importing design's `depends_on`, and must stay in
 * the contexts the architecture lets the importer's context reach. Imports of ignored files (the
 * type-only `types.ts` modules, which have no design) and of packages are not components and pass.
 * Severity follows `gates.architecture`. Returns problems; never prints.
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
import { architectureMessages as m } from '../messages/architecture.js';

/** The extensions whose imports are read. */
export const SCRIPT_EXTENSIONS: ReadonlySet<string> = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
/** Elixir sources, whose module references are read by core/boundaries/elixir. */
export const ELIXIR_EXTENSIONS: ReadonlySet<string> = new Set(['.ex', '.exs']);

interface Reference {
  specifier: string;
  line: number;
  column: number;
  /** The config-relative file it lands in, when it is one of ours. */
  target: string | undefined;
}

/** The references of one code file by its language; undefined for a language we do not read. */
function referencesOf(local: string, code: string, files: ReadonlySet<string>): Reference[] | undefined {
  const ext = posix.extname(local);
  if (SCRIPT_EXTENSIONS.has(ext)) return readImports(code).map((r) => ({ ...r, target: resolveImport(local, r.specifier, files) }));
  if (!ELIXIR_EXTENSIONS.has(ext)) return undefined;
  // A module is usually named many times in a file; its first mention stands for all of them.
  const seen = new Set<string>();
  const refs: Reference[] = [];
  for (const r of readElixirReferences(code)) {
    const target = resolveModule(r.module, files);
    const key = target ?? r.module;
    if (seen.has(key)) continue;
    seen.add(key);
    refs.push({ specifier: r.module, line: r.line, column: r.column, target });
  }
  return refs;
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

  for (const local of files) {
    const ext = posix.extname(local);
    if ((!SCRIPT_EXTENSIONS.has(ext) && !ELIXIR_EXTENSIONS.has(ext)) || ignored(local)) continue;
    const file = prefix + local;
    if (wanted !== undefined && !wanted.has(file)) continue;
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

    for (const ref of referencesOf(local, code, all) ?? []) {
      const target = ref.target;
      if (target === undefined || ignored(target)) continue;
      const hit = mapping.fromCode(target);
      if (hit === undefined) continue;
      const targetId = componentId(hit.design, root);
      if (targetId === ownId) continue;
      const at = { file, line: ref.line, column: ref.column };
      if (architecture !== undefined && ownContext !== undefined) {
        const targetContext = contextsOf(architecture, target)[0]?.name;
        if (targetContext !== undefined && targetContext !== ownContext && !allowedFrom(architecture, ownContext).includes(targetContext)) {
          problems.push({ ...at, ruleId: 'forbidden-import', severity, message: m.forbiddenImport(ref.specifier, ownContext, targetContext), fix: m.forbiddenImportFix(ownContext, targetContext, archFile) });
          continue;
        }
      }
      if (!declared.has(targetId)) {
        const design = prefix + triple.design;
        problems.push({ ...at, ruleId: 'undeclared-import', severity, message: m.undeclaredImport(ref.specifier, targetId, design), fix: m.undeclaredImportFix(targetId, design) });
      }
    }
  }
  return problems;
}
