/**
 * Reads the module specifiers a TypeScript or JavaScript file imports — ES `import`/`export … from`,
 * `import type`, side-effect imports, `require('…')` and `import('literal')` — with the TypeScript
 * scanner (`ts.preProcessFile`), a real lexer: specifiers in comments and strings are not imports.
 * `typescript` is loaded on first use only, so commands that never read code do not pay for it.
 */
import { createRequire } from 'node:module';

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

/** The scanner, loaded once; `createRequire` because typescript is CommonJS and we only need one function. */
function scanner(): PreProcess {
  if (preProcess === undefined) {
    const ts = createRequire(import.meta.url)('typescript') as { preProcessFile: PreProcess };
    preProcess = ts.preProcessFile.bind(ts);
  }
  return preProcess;
}

/**
 * @example readImports('import { x } from "./y.js";\n') // [{ specifier: './y.js', line: 1, column: 19 }]
 */
export function readImports(text: string): ImportRef[] {
  const { importedFiles } = scanner()(text, true, true);
  const starts = lineStarts(text);
  return importedFiles.map((f) => {
    const line = lineOf(starts, f.pos);
    return { specifier: f.fileName, line: line + 1, column: f.pos - starts[line]! + 1 };
  });
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Index of the line holding `pos` (binary search over the line starts). */
function lineOf(starts: readonly number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
