/**
 * Reads the modules an Elixir file refers to — `alias` (also `alias A.{B, C}` and `as:`), `import`,
 * `use`, `require`, fully qualified calls (`MyApp.Sessions.Repo.get(…)`) and other module references
 * (`%MyApp.Accounts.User{}`, `@behaviour MyApp.Worker`, a module passed as a value) — with a small
 * lexer, not a regular expression over the source: comments, strings, charlists, heredocs, sigils
 * (any delimiter, with or without interpolation), quoted atoms and character literals (`?#`, `?"`)
 * are skipped, while the code inside `#{…}` interpolation is read as code. Aliases are expanded
 * where they are in scope (`alias MyApp.Sessions` then `Sessions.Repo.get` refers to
 * `MyApp.Sessions.Repo`), scopes following `do … end` and `fn … end` blocks; `__MODULE__` and
 * nested `defmodule` names are resolved. The name a `defmodule` defines is not a reference.
 * No library: no Elixir lexer for Node exists in the registry, and Elixir's token rules for these
 * few constructs are small.
 */

import { lineOf, lineStarts } from '../text-position.js';

export type ElixirRefKind = 'alias' | 'import' | 'use' | 'require' | 'call' | 'reference';

export interface ElixirRef {
  /** The full module name, aliases expanded, without an `Elixir.` prefix: `MyApp.Sessions.Repo`. */
  module: string;
  kind: ElixirRefKind;
  /** 1-based position of the module name as written. */
  line: number;
  column: number;
}

const DIRECTIVES = new Set(['alias', 'import', 'use', 'require']);
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };
const IDENT = /[\p{Ll}_][\p{L}\p{N}_]*[?!]?/uy;
const ALIAS_SEGMENT = /[A-Z][A-Za-z0-9_]*/y;
const NUMBER = /[0-9][0-9A-Za-z_]*(?:\.[0-9][0-9A-Za-z_]*)?/y;
const SPACE = /[ \t]*/y;
const AS_OPTION = /[ \t]*,[ \t]*as:[ \t]*([A-Z][A-Za-z0-9_]*)/y;
const ONE_LINE_DO = /\s*,\s*do:/y;

interface Found {
  module: string;
  kind: ElixirRefKind;
  offset: number;
}

/**
 * @example readElixirReferences('alias MyApp.Sessions.Repo\nRepo.get(1) # MyApp.Other\n')
 *   // [{ module: 'MyApp.Sessions.Repo', kind: 'alias', line: 1, column: 7 }, { module: 'MyApp.Sessions.Repo', kind: 'call', line: 2, column: 1 }]
 */
export function readElixirReferences(text: string): ElixirRef[] {
  const lexer = new Lexer(text);
  lexer.code(false);
  const starts = lineStarts(text);
  return lexer.found.map((f) => {
    const line = lineOf(starts, f.offset);
    return { module: f.module, kind: f.kind, line: line + 1, column: f.offset - starts[line]! + 1 };
  });
}

class Lexer {
  readonly found: Found[] = [];
  private i = 0;
  /** `do`/`fn` … `end` nesting. */
  private depth = 0;
  /** Aliases in scope, newest last, each with the block depth it was declared at. */
  private aliases: Array<{ short: string; full: string; depth: number }> = [];
  /** Enclosing `defmodule`s: the full name and the depth of its body. */
  private modules: Array<{ name: string; depth: number }> = [];
  /** The last significant character before the current token ('' at the start). */
  private prev = '';

  constructor(private readonly text: string) {}

  /** Reads code up to the end, or (inside `#{…}`) up to the brace that closes the interpolation. */
  code(interpolation: boolean): void {
    const { text } = this;
    let braces = 0;
    while (this.i < text.length) {
      const c = text[this.i]!;
      const next = text[this.i + 1] ?? '';
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
        this.i++;
        continue;
      }
      if (c === '#') this.skipLine();
      else if (c === '"' || c === "'") {
        if (text.startsWith(c.repeat(3), this.i)) this.heredoc(c, true);
        else this.quoted(c, c, true);
      } else if (c === '~' && /[A-Za-z]/.test(next)) this.sigil();
      else if (c === '?') this.charLiteral();
      else if (c === ':' && next === ':') this.i += 2;
      else if (c === ':' && (next === '"' || next === "'")) {
        this.i++;
        this.quoted(next, next, true);
      } else if (c === ':' && /[\p{L}_]/u.test(next)) {
        // An atom (:ok, :alias, :Foo): never a directive or a module.
        this.i++;
        this.match(/[\p{L}_][\p{L}\p{N}_@]*[?!]?/uy);
      } else if (c >= 'A' && c <= 'Z') {
        this.moduleReference();
        this.prev = 'A';
        continue;
      } else if (/[\p{Ll}_]/u.test(c)) {
        this.identifier();
        this.prev = 'a';
        continue;
      } else if (c >= '0' && c <= '9') {
        this.match(NUMBER);
        this.prev = '0';
        continue;
      } else if (c === '{') {
        braces++;
        this.i++;
      } else if (c === '}') {
        this.i++;
        if (interpolation && braces === 0) return;
        braces--;
      } else this.i++;
      this.prev = c;
    }
  }

  private match(re: RegExp): string {
    re.lastIndex = this.i;
    const m = re.exec(this.text);
    if (m === null) return '';
    this.i += m[0].length;
    return m[0];
  }

  private skipLine(): void {
    const end = this.text.indexOf('\n', this.i);
    this.i = end === -1 ? this.text.length : end;
  }

  /** A string, charlist, quoted atom or one-line sigil body: from the opening delimiter to `close`. */
  private quoted(_open: string, close: string, interpolate: boolean): void {
    const { text } = this;
    this.i++;
    while (this.i < text.length) {
      const c = text[this.i]!;
      if (c === '\\') this.i += 2;
      else if (interpolate && c === '#' && text[this.i + 1] === '{') {
        this.i += 2;
        this.interpolation();
      } else if (c === close) {
        this.i++;
        return;
      } else this.i++;
    }
  }

  /** `"""`/`'''` heredocs (also sigil heredocs): they close at a line holding only white space and the quotes. */
  private heredoc(quote: string, interpolate: boolean): void {
    const { text } = this;
    const fence = quote.repeat(3);
    this.i += 3;
    while (this.i < text.length) {
      const c = text[this.i]!;
      if (c === '\\') this.i += 2;
      else if (interpolate && c === '#' && text[this.i + 1] === '{') {
        this.i += 2;
        this.interpolation();
      } else if (c === quote && text.startsWith(fence, this.i) && /(^|\n)[ \t]*$/.test(text.slice(Math.max(0, text.lastIndexOf('\n', this.i - 1)), this.i))) {
        this.i += 3;
        return;
      } else this.i++;
    }
  }

  /** The code of `#{…}`, read as code with its own brace count. */
  private interpolation(): void {
    const prev = this.prev;
    this.code(true);
    this.prev = prev;
  }

  /** `~r/…/i`, `~s(…)`, `~S"""…"""`, `~HTML|…|`: lower-case sigils interpolate, upper-case ones do not. */
  private sigil(): void {
    const { text } = this;
    this.i++;
    const name = this.match(/[a-z]|[A-Z][A-Z0-9]*/y);
    const interpolate = name.length === 1 && name >= 'a' && name <= 'z';
    const open = text[this.i];
    if (open === undefined) return;
    if ((open === '"' || open === "'") && text.startsWith(open.repeat(3), this.i)) this.heredoc(open, interpolate);
    else if ('/|"\'([{<'.includes(open)) this.quoted(open, CLOSERS[open] ?? open, interpolate);
    this.match(/[A-Za-z0-9]*/y);
  }

  /** `?a`, `?#`, `?"`, `?\n`: one character as an integer. */
  private charLiteral(): void {
    this.i++;
    if (this.text[this.i] === '\\') this.i += 2;
    else this.i += (this.text.codePointAt(this.i) ?? 0) > 0xffff ? 2 : 1;
  }

  /** A dotted alias at the cursor (`MyApp.Sessions.Repo`), stopping before `.lower` or `.{`. */
  private aliasName(): { name: string; offset: number } {
    const offset = this.i;
    let name = this.match(ALIAS_SEGMENT);
    while (this.text[this.i] === '.' && /[A-Z]/.test(this.text[this.i + 1] ?? '')) {
      this.i++;
      name += `.${this.match(ALIAS_SEGMENT)}`;
    }
    return { name, offset };
  }

  /** Expands a written alias: `Elixir.` dropped, an alias in scope replaced by its full name. */
  private expand(name: string): string {
    if (name.startsWith('Elixir.')) return name.slice('Elixir.'.length);
    const dot = name.indexOf('.');
    const head = dot === -1 ? name : name.slice(0, dot);
    for (let k = this.aliases.length - 1; k >= 0; k--) {
      const a = this.aliases[k]!;
      if (a.short === head) return a.full + (dot === -1 ? '' : name.slice(dot));
    }
    return name;
  }

  private currentModule(): string | undefined {
    return this.modules[this.modules.length - 1]?.name;
  }

  /** `__MODULE__` or `__MODULE__.Child` at the cursor (the identifier already read), as a full name. */
  private moduleAttribute(): string | undefined {
    let name = this.currentModule();
    while (this.text[this.i] === '.' && /[A-Z]/.test(this.text[this.i + 1] ?? '')) {
      this.i++;
      const segment = this.match(ALIAS_SEGMENT);
      if (name !== undefined) name += `.${segment}`;
    }
    return name;
  }

  /** A module in code: a call when `.function` follows, else a reference (struct, value, attribute). */
  private moduleReference(): void {
    const afterDot = this.prev === '.';
    const { name, offset } = this.aliasName();
    if (afterDot) return; // `x.Foo` is not a module reference
    this.found.push({ module: this.expand(name), kind: this.callFollows() ? 'call' : 'reference', offset });
  }

  /** Whether `.function` follows the module name just read. */
  private callFollows(): boolean {
    return this.text[this.i] === '.' && /[\p{Ll}_]/u.test(this.text[this.i + 1] ?? '');
  }

  private identifier(): void {
    const start = this.i;
    const word = this.match(IDENT);
    if (word === '') {
      this.i++;
      return;
    }
    // `alias: x` is a keyword key, `foo.alias` a field or function: neither is the directive.
    const keyword = this.text[this.i] === ':' && this.text[this.i + 1] !== ':';
    if (keyword || this.prev === '.') return;
    if (word === 'do' || word === 'fn') this.depth++;
    else if (word === 'end') this.close();
    else if (word === '__MODULE__') {
      const name = this.moduleAttribute();
      if (name !== undefined && name !== this.currentModule()) this.found.push({ module: name, kind: this.callFollows() ? 'call' : 'reference', offset: start });
    } else if (word === 'defmodule' || word === 'defprotocol') this.defmodule();
    else if (DIRECTIVES.has(word)) this.directive(word as 'alias' | 'import' | 'use' | 'require');
  }

  /** Leaves a block: aliases and modules declared inside it go out of scope. */
  private close(): void {
    this.depth = Math.max(0, this.depth - 1);
    this.aliases = this.aliases.filter((a) => a.depth <= this.depth);
    this.modules = this.modules.filter((m) => m.depth <= this.depth);
  }

  private skipSpace(): void {
    this.match(SPACE);
  }

  /** `defmodule Name do`: the defined name (nested under the enclosing module) and its implicit alias. */
  private defmodule(): void {
    this.skipSpace();
    if (!/[A-Z]/.test(this.text[this.i] ?? '')) return;
    const { name } = this.aliasName();
    const parent = this.currentModule();
    const full = name.startsWith('Elixir.') ? name.slice('Elixir.'.length) : parent === undefined ? name : `${parent}.${name}`;
    if (parent !== undefined) {
      const head = name.split('.')[0]!;
      this.aliases.push({ short: head, full: `${parent}.${head}`, depth: this.depth });
    }
    ONE_LINE_DO.lastIndex = this.i;
    if (!ONE_LINE_DO.test(this.text)) this.modules.push({ name: full, depth: this.depth + 1 });
    this.prev = 'A';
  }

  /** `alias A.B`, `alias A.B, as: C`, `alias A.{B, C.D}`, `import A`, `use A, opts`, `require A`, `alias __MODULE__.X`. */
  private directive(kind: 'alias' | 'import' | 'use' | 'require'): void {
    this.skipSpace();
    if (this.text[this.i] === '(') {
      this.i++;
      this.skipSpace();
    }
    let base: string | undefined;
    let offset = this.i;
    if (this.text.startsWith('__MODULE__', this.i)) {
      this.i += '__MODULE__'.length;
      base = this.moduleAttribute();
    } else if (/[A-Z]/.test(this.text[this.i] ?? '')) {
      const read = this.aliasName();
      base = this.expand(read.name);
      offset = read.offset;
    }
    this.prev = 'A';
    if (base === undefined) return;
    if (this.text.startsWith('.{', this.i)) {
      this.i += 2;
      this.multiAlias(kind, base);
      return;
    }
    this.found.push({ module: base, kind, offset });
    if (kind !== 'alias') return;
    AS_OPTION.lastIndex = this.i;
    const as = AS_OPTION.exec(this.text);
    if (as !== null) this.i += as[0].length;
    this.aliases.push({ short: as?.[1] ?? base.slice(base.lastIndexOf('.') + 1), full: base, depth: this.depth });
  }

  /** The `{B, C.D}` of `alias A.{B, C.D}`: each entry is a reference, and an alias of its last segment. */
  private multiAlias(kind: 'alias' | 'import' | 'use' | 'require', base: string): void {
    const { text } = this;
    while (this.i < text.length) {
      const c = text[this.i]!;
      if (c === '}') {
        this.i++;
        return;
      }
      if (c === '#') this.skipLine();
      else if (c >= 'A' && c <= 'Z') {
        const { name, offset } = this.aliasName();
        const full = `${base}.${name}`;
        this.found.push({ module: full, kind, offset });
        if (kind === 'alias') this.aliases.push({ short: name.slice(name.lastIndexOf('.') + 1), full, depth: this.depth });
      } else this.i++;
    }
  }
}
