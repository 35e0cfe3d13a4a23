/**
 * Reads the module specifiers a TypeScript or JavaScript file imports — ES `import`/`export … from`,
 * `import type`, side-effect imports, `import x = require('…')`, `require('…')` and
 * `import('literal')` — from a real syntax tree (core/script-syntax, `@babel/parser`): specifiers in
 * comments and strings are not imports. A file Babel cannot read at all falls back to the
 * TypeScript scanner (`ts.preProcessFile`), which is more tolerant but takes hundreds of
 * milliseconds to load, so ordinary commits never pay for it.
 */
import { createRequire } from 'node:module';
import { lineOf, lineStarts } from '../text-position.js';
import { lineColumnOf, parseScript, walkScript, type ScriptNode } from '../script-syntax.js';

export interface ImportRef {
  specifier: string;
  /** 1-based position of the specifier's opening quote. */
  line: number;
  column: number;
}

type PreProcess = (text: string, readImportFiles: boolean, detectJavaScriptImports: boolean) => {
  importedFiles: Array<{ fileName: string; pos: number }>;
};

let preProcess: PreProcess | undefined;

/**
 * @example readImports('import { x } from "./y.js";\n', 'a.ts') // [{ specifier: './y.js', line: 1, column: 19 }]
 */
export function readImports(text: string, fileName = 'module.ts'): ImportRef[] {
  const file = parseScript(text, fileName);
  if (file === undefined) return scannerImports(text);
  const found: Array<{ node: ScriptNode; specifier: string }> = [];
  const literal = (node: unknown): ScriptNode | undefined => {
    const n = node as ScriptNode | undefined | null;
    if (n?.type === 'StringLiteral') return n;
    // A template without substitutions is a literal too.
    if (n?.type === 'TemplateLiteral' && (n['expressions'] as unknown[]).length === 0) return n;
    return undefined;
  };
  const valueOf = (n: ScriptNode): string =>
    n.type === 'StringLiteral' ? (n['value'] as string) : ((n['quasis'] as Array<{ value: { cooked: string } }>)[0]?.value.cooked ?? '');
  walkScript(file.program, (node) => {
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration': {
        const source = literal(node['source']);
        if (source !== undefined) found.push({ node: source, specifier: valueOf(source) });
        break;
      }
      case 'TSExternalModuleReference': {
        const source = literal(node['expression']);
        if (source !== undefined) found.push({ node: source, specifier: valueOf(source) });
        break;
      }
      case 'ImportExpression': {
        const source = literal(node['source']);
        if (source !== undefined) found.push({ node: source, specifier: valueOf(source) });
        break;
      }
      case 'CallExpression': {
        const callee = node['callee'] as ScriptNode;
        const isImport = callee.type === 'Import';
        const isRequire = callee.type === 'Identifier' && callee['name'] === 'require';
        const source = isImport || isRequire ? literal((node['arguments'] as unknown[])[0]) : undefined;
        if (source !== undefined) found.push({ node: source, specifier: valueOf(source) });
        break;
      }
      default:
        break;
    }
  });
  return found.map(({ node, specifier }) => ({ specifier, ...lineColumnOf(node) }));
}

/** The TypeScript scanner, for files Babel cannot read; loaded only then. */
function scannerImports(text: string): ImportRef[] {
  preProcess ??= (() => {
    const ts = createRequire(import.meta.url)('typescript') as { preProcessFile: PreProcess };
    return ts.preProcessFile.bind(ts);
  })();
  const { importedFiles } = preProcess(text, true, true);
  const starts = lineStarts(text);
  return importedFiles.map((f) => {
    const line = lineOf(starts, f.pos);
    return { specifier: f.fileName, line: line + 1, column: f.pos - starts[line]! + 1 };
  });
}
