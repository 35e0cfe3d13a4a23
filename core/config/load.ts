/**
 * The config pipeline: read → parse (with positions) → validate against the shipped schema →
 * normalise (preset, defaults) → cross-field rules. Every mistake of every stage is collected and
 * thrown at once as one CONFIG error whose causes read `file:line:col: path: meaning`.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DesignGateError, type Cause } from '../errors.js';
import { configMessages as m } from '../messages/config.js';
import { builtinGuidance, defaultComponentTypes } from './component-types.js';
import { readMixAppName } from './detect.js';
import { parseJsonSource, type JsonSource, type PathSegment, type Position, type SourceProblem } from './json-source.js';
import { presetIgnore, presetRules, type PresetName } from './presets.js';
import { checkRules } from './rules.js';
import { describeErrors, loadValidator, readSchema, type SchemaIssue } from './schema-validator.js';
import type { ComponentRule, ComponentType, DesignConfig, GateLevel } from './types.js';

/** The architecture document when `.designrc.json` names none. */
export const DEFAULT_ARCHITECTURE = 'docs/architecture.md';

export interface LoadOptions {
  /** How the file is named in messages (e.g. repository-relative); default: the absolute path. */
  displayPath?: string;
  /** The Elixir application name for an `elixir-phoenix` preset; default: read from mix.exs beside the config. */
  appName?: string;
}

/** What a schema-valid file holds, before defaults. */
interface WrittenConfig {
  preset?: PresetName;
  components?: ComponentRule[];
  ignore?: string[];
  stories?: string;
  architecture?: string;
  defaultType?: string;
  types?: Record<string, { sections: string[]; guidance?: Record<string, string> }>;
  approvers?: Array<{ name: string; email: string; keys?: string[]; paths?: string[] }>;
  allowedSignersFile?: string;
  requiredApprovals?: number;
  signedApprovals?: boolean;
  allowSelfApproval?: boolean;
  gates?: { approval?: GateLevel; completeness?: GateLevel; architecture?: GateLevel; alignment?: GateLevel };
  generator?: {
    host?: string;
    model: string;
    options?: Record<string, unknown>;
    maxAttempts?: number;
    testCommand?: string;
    timeoutSeconds?: number;
    lockTests?: boolean;
    allowRemoteHost?: boolean;
  };
}

/**
 * Parses and validates config text; throws DesignGateError('CONFIG', `${file}: invalid configuration`,
 * { causes: [...every problem...], fix }) with ALL problems at once.
 * @example parseConfig('{ "preset": "go" }', '/repo/.designrc.json').components[0]!.code // '{path}.go'
 */
export function parseConfig(text: string, file: string, options: LoadOptions = {}): DesignConfig {
  const display = options.displayPath ?? file;
  const source = parseJsonSource(text);
  const causes: Cause[] = source.problems.map((p) => sourceCause(p, display));
  let config: DesignConfig | undefined;
  if (source.complete) {
    const issues: SchemaIssue[] = [];
    if (!isObject(source.value)) {
      issues.push({ path: '', at: '', onKey: false, message: m.topLevelNotObject });
    } else {
      const validate = loadValidator('designrc');
      if (validate(source.value)) {
        const written = source.value as WrittenConfig;
        config = normalise(written, file, options);
        issues.push(...checkRules(config, written));
      } else {
        issues.push(...describeErrors(validate.errors ?? [], readSchema('designrc')));
      }
    }
    causes.push(...issues.map((issue) => issueCause(issue, source, display)));
  }
  if (config === undefined || causes.length > 0) {
    const sorted = causes.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    throw new DesignGateError('CONFIG', m.invalid(display), { causes: sorted, fix: m.invalidFix });
  }
  return config;
}

/**
 * Reads and parses the .designrc.json at an absolute path.
 * @example loadConfig('/repo/.designrc.json', { displayPath: '.designrc.json' })
 */
export function loadConfig(file: string, options: LoadOptions = {}): DesignConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const display = options.displayPath ?? file;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DesignGateError('CONFIG', m.notFound(display), { fix: m.notFoundFix, cause: error });
    throw new DesignGateError('IO', m.unreadable(display, code ?? String(error)), { fix: m.unreadableFix, cause: error });
  }
  return parseConfig(text, file, options);
}

/** Fills in the preset and every default, copying so callers may not alias the user's data or the built-ins. */
function normalise(w: WrittenConfig, file: string, options: LoadOptions): DesignConfig {
  const fromPreset = w.components === undefined && w.preset !== undefined;
  let components: ComponentRule[] = (w.components ?? []).map(copyRule);
  let ignore = [...(w.ignore ?? [])];
  const root = dirname(file);
  if (fromPreset && w.preset !== undefined) {
    const appName = w.preset === 'elixir-phoenix' ? (options.appName ?? readMixAppName(root)) : undefined;
    components = presetRules(w.preset, appName === undefined ? {} : { appName });
    ignore = [...presetIgnore(w.preset), ...ignore];
  }

  const types: Record<string, ComponentType> = {};
  for (const [name, type] of Object.entries(defaultComponentTypes)) {
    types[name] = { sections: [...type.sections], guidance: { ...type.guidance } };
  }
  for (const [name, type] of Object.entries(w.types ?? {})) {
    const guidance: Record<string, string> = {};
    for (const section of type.sections) {
      const line = type.guidance?.[section] ?? defaultComponentTypes[name]?.guidance[section] ?? builtinGuidance(section);
      if (line !== undefined) guidance[section] = line;
    }
    types[name] = { sections: [...type.sections], guidance };
  }

  const config: DesignConfig = {
    root,
    file,
    components,
    ignore,
    types,
    defaultType: w.defaultType ?? 'module',
    approvers: (w.approvers ?? []).map((a) => ({ name: a.name, email: a.email, keys: [...(a.keys ?? [])], paths: [...(a.paths ?? ['**'])] })),
    requiredApprovals: w.requiredApprovals ?? 1,
    signedApprovals: w.signedApprovals ?? true,
    allowSelfApproval: w.allowSelfApproval ?? false,
    gates: {
      approval: w.gates?.approval ?? 'error',
      completeness: w.gates?.completeness ?? 'error',
      architecture: w.gates?.architecture ?? 'warn',
      // A warning by default: designs written before the gate existed rarely name their tests exactly.
      alignment: w.gates?.alignment ?? 'warn',
    },
  };
  if (w.preset !== undefined) config.preset = w.preset;
  if (w.stories !== undefined) config.stories = w.stories;
  // Always set: approve, verify and the gates must agree on which file is the architecture, and
  // `check` already reads docs/architecture.md when the key is absent.
  config.architecture = w.architecture ?? DEFAULT_ARCHITECTURE;
  if (w.allowedSignersFile !== undefined) config.allowedSignersFile = w.allowedSignersFile;
  if (w.generator !== undefined) {
    const g = w.generator;
    config.generator = {
      host: g.host ?? 'http://127.0.0.1:11434',
      model: g.model,
      options: { ...(g.options ?? {}) },
      maxAttempts: g.maxAttempts ?? 3,
      timeoutSeconds: g.timeoutSeconds ?? 600,
      lockTests: g.lockTests ?? true,
      allowRemoteHost: g.allowRemoteHost ?? false,
    };
    if (g.testCommand !== undefined) config.generator.testCommand = g.testCommand;
  }
  return config;
}

function copyRule(r: ComponentRule): ComponentRule {
  return r.type === undefined ? { code: r.code, design: r.design, test: r.test } : { code: r.code, design: r.design, test: r.test, type: r.type };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A mistake the JSON parser found, as a located cause (shared by every JSON file we read). */
export function sourceCause(p: SourceProblem, file: string): Cause {
  const where = { file, line: p.at.line, column: p.at.column };
  switch (p.kind) {
    case 'empty':
      return { ...where, message: m.empty };
    case 'comment':
      return { ...where, message: m.comment };
    case 'trailing-comma':
      return { ...where, message: m.trailingComma };
    case 'duplicate-key':
      return { ...where, message: m.at(formatPath(p.path), m.duplicateKey(p.key, p.first.line)) };
    case 'syntax':
      return { ...where, message: m.syntax(p.found, p.expected) };
    case 'too-deep':
      return { ...where, message: m.tooDeep };
  }
}

/** Places an issue at its value (or key), or at the nearest enclosing value the file has. */
export function issueCause(issue: SchemaIssue, source: JsonSource, file: string): Cause {
  let position: Position | undefined;
  for (let pointer = issue.at; position === undefined; pointer = pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')))) {
    const entry = source.locate(pointer);
    position = entry === undefined ? undefined : pointer === issue.at && issue.onKey ? (entry.key ?? entry.value) : entry.value;
    if (pointer === '') break;
  }
  const path = source.locate(issue.path)?.path ?? decodePointer(issue.path);
  const message = m.at(formatPath(path), issue.message);
  return position === undefined ? { file, message } : { file, line: position.line, column: position.column, message };
}

function decodePointer(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/**
 * A JSON path as people write it: `components[0].code`, `types["my type"].sections`.
 * @example formatPath(['components', 0, 'code']) // 'components[0].code'
 */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
