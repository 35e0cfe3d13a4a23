/**
 * Reads the import declarations of a Go file — `import "x"`, `import alias "x"`, `import ( … )`
 * groups with `_`/`.` aliases — with a small lexer over the file's head (comments, interpreted and
 * raw strings), stopping at the first declaration that is not an import, as Go requires imports
 * to come first; and the `module` path of a `go.mod`. No library: tree-sitter-go costs a native
 * build or a WebAssembly start-up, for a grammar of a handful of tokens.
 */
import { lineOf, lineStarts } from '../text-position.js';

export interface GoImport {
  /** The import path, escapes decoded: `example.com/m/internal/billing`. */
  path: string;
  /** The written package name, `_` or `.`, when there is one. */
  alias?: string;
  /** 1-based position of the path's opening quote. */
  line: number;
  column: number;
}

interface Token {
  kind: 'ident' | 'string' | 'op' | 'eof';
  value: string;
  offset: number;
}

const IDENT = /[\p{L}_][\p{L}\p{N}_]*/uy;
const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };

/** Decodes the escapes of an interpreted string's body (`\x69`, `\u00e9`, `\151`, `\"`, …). */
function unescape(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (all, e: string) => {
    if (e.length === 1) return SIMPLE_ESCAPES[e] ?? all;
    if (e[0] === 'x' || e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    return String.fromCodePoint(parseInt(e, 8));
  });
}

/** Go's tokens as far as import declarations need them: comments and white space are skipped. */
class Lexer {
  private i = 0;
  constructor(private readonly text: string) {}

  next(): Token {
    const { text } = this;
    for (;;) {
      while (this.i < text.length && /\s/.test(text[this.i]!)) this.i++;
      if (text.startsWith('//', this.i)) {
        const end = text.indexOf('\n', this.i);
        this.i = end === -1 ? text.length : end;
      } else if (text.startsWith('/*', this.i)) {
        const end = text.indexOf('*/', this.i + 2);
        this.i = end === -1 ? text.length : end + 2;
      } else break;
    }
    const offset = this.i;
    const c = text[offset];
    if (c === undefined) return { kind: 'eof', value: '', offset };
    if (c === '`') {
      const end = text.indexOf('`', offset + 1);
      this.i = end === -1 ? text.length : end + 1;
      return { kind: 'string', value: text.slice(offset + 1, end === -1 ? text.length : end), offset };
    }
    if (c === '"') {
      let j = offset + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      this.i = Math.min(j + 1, text.length);
      return { kind: 'string', value: unescape(text.slice(offset + 1, j)), offset };
    }
    IDENT.lastIndex = offset;
    const ident = IDENT.exec(text);
    if (ident !== null) {
      this.i += ident[0].length;
      return { kind: 'ident', value: ident[0], offset };
    }
    this.i++;
    return { kind: 'op', value: c, offset };
  }
}

/**
 * @example readGoImports('package p\nimport (\n\t"fmt"\n\tb "example.com/m/billing"\n)\n')
 *   // [{ path: 'fmt', line: 3, column: 2 }, { path: 'example.com/m/billing', alias: 'b', line: 4, column: 4 }]
 */
export function readGoImports(text: string): GoImport[] {
  const lexer = new Lexer(text);
  const found: Array<{ path: string; alias?: string; offset: number }> = [];
  /** One ImportSpec starting at `t`: `[name | _ | .] "path"`; returns the token after it. */
  const spec = (t: Token): Token => {
    let alias: string | undefined;
    if (t.kind === 'ident' || (t.kind === 'op' && t.value === '.')) {
      alias = t.value;
      t = lexer.next();
    }
    if (t.kind !== 'string') return t;
    found.push({ path: t.value, offset: t.offset, ...(alias === undefined ? {} : { alias }) });
    return lexer.next();
  };

  let t = lexer.next();
  if (t.kind === 'ident' && t.value === 'package') {
    lexer.next();
    t = lexer.next();
  }
  for (;;) {
    while (t.kind === 'op' && t.value === ';') t = lexer.next();
    if (t.kind !== 'ident' || t.value !== 'import') break;
    t = lexer.next();
    if (t.kind === 'op' && t.value === '(') {
      t = lexer.next();
      while (t.kind !== 'eof' && !(t.kind === 'op' && t.value === ')')) {
        const before = t;
        t = t.kind === 'op' && t.value === ';' ? lexer.next() : spec(t);
        if (t === before) t = lexer.next(); // not a spec: step over it rather than loop
      }
      t = lexer.next();
    } else t = spec(t);
  }
  const starts = lineStarts(text);
  return found.map((f) => {
    const line = lineOf(starts, f.offset);
    return { path: f.path, ...(f.alias === undefined ? {} : { alias: f.alias }), line: line + 1, column: f.offset - starts[line]! + 1 };
  });
}

/**
 * The module path of a `go.mod`. The file is line-oriented (Go modules reference), so each line is
 * read on its own, without its `//` comment.
 * @example readGoModulePath('module example.com/m\n\ngo 1.22\n') // 'example.com/m'
 */
export function readGoModulePath(goMod: string): string | undefined {
  let inBlock = false;
  for (const raw of goMod.split('\n')) {
    const comment = raw.indexOf('//');
    const line = (comment === -1 ? raw : raw.slice(0, comment)).trim();
    if (line === '') continue;
    let value: string | undefined;
    if (inBlock) value = line === ')' ? undefined : line;
    else if (line === 'module (' || line === 'module(') inBlock = true;
    else if (/^module[\s"`]/.test(line)) value = line.slice('module'.length).trim();
    if (inBlock && line === ')') inBlock = false;
    if (value === undefined || value === '') continue;
    const quote = value[0];
    if (quote === '"') return unescape(value.slice(1, value.lastIndexOf('"')));
    if (quote === '`') return value.slice(1, value.lastIndexOf('`'));
    return value;
  }
  return undefined;
}
