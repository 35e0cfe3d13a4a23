/**
 * Reads the module specifiers a TypeScript or JavaScript file imports — ES `import`/`export … from`,
 * `import type`, side-effect imports, `require('…')` and `import('literal')` — with the TypeScript
 * scanner (`ts.preProcessFile`), a real lexer: specifiers in comments and strings are not imports.
 * `typescript` is loaded on first use only, so commands that never read code do not pay for it.
 */
import { createRequire } from 'node:module';
import { lineOf, lineStarts } from '../text-position.js';

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
