/**
 * Loads the validator of a shipped JSON Schema and turns its errors into one plain line per mistake.
 *
 * The build precompiles every `schema/<name>.schema.json` into `dist/validators/<name>.cjs` (ajv
 * standalone, CommonJS because ajv's ESM output still calls require()), so a hook never pays for
 * compiling a schema. Running from source (tests under tsx) there is no such file, and the schema is
 * compiled at runtime with the same ajv options; ajv is then required lazily, only on that path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packageFile } from '../package-root.js';
import type { ErrorObject } from 'ajv';
import { configMessages } from '../messages/config.js';

const require = createRequire(import.meta.url);

/** An ajv validate function (precompiled or compiled here). */
export type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null | undefined };

/** One mistake: `path` is the JSON pointer shown in the message, `at` the pointer whose position is reported. */
export interface SchemaIssue {
  path: string;
  at: string;
  /** Report the position of the key at `at` rather than of its value (unknown and misnamed keys). */
  onKey: boolean;
  message: string;
}

type SchemaNode = Record<string, unknown>;

const validators = new Map<string, Validate>();
const schemas = new Map<string, SchemaNode>();

/** The precompiled validator of `schema/<name>.schema.json` if built, else one compiled now; cached. */
export function loadValidator(name: string, precompiledFile = defaultPrecompiledFile(name)): Validate {
  const key = `${name}\0${precompiledFile}`;
  let validate = validators.get(key);
  if (validate === undefined) {
    validate = existsSync(precompiledFile) ? (require(precompiledFile) as Validate) : compileValidator(name);
    validators.set(key, validate);
  }
  return validate;
}

/** Where the build writes the validator: dist/validators/ of our package. */
export function defaultPrecompiledFile(name: string): string {
  return packageFile('dist', 'validators', `${name}.cjs`);
}

/** Compiles the schema with the options scripts/build.mjs uses (no formats: our schemas use none). */
export function compileValidator(name: string): Validate {
  const { Ajv } = require('ajv') as typeof import('ajv');
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  return ajv.compile(readSchema(name)) as Validate;
}

/** The parsed `schema/<name>.schema.json` of our package. */
export function readSchema(name: string): SchemaNode {
  let schema = schemas.get(name);
  if (schema === undefined) {
    schema = JSON.parse(readFileSync(packageFile('schema', `${name}.schema.json`), 'utf8')) as SchemaNode;
    schemas.set(name, schema);
  }
  return schema;
}

/**
 * Turns ajv's `allErrors` output into one issue per real mistake: a wrong type hides the other
 * complaints about the same value, an `anyOf`/`oneOf` whose branches all fail on type becomes
 * "must be a string or an array", `propertyNames` is reported at the offending key, and the
 * wording comes from core/messages/config.ts (or, for a pattern, the `patterns` given: another
 * file's definitions have their own sentences), never from ajv.
 */
export function describeErrors(errors: readonly ErrorObject[], schema: SchemaNode, patterns: Readonly<Record<string, string>> = configMessages.patterns): SchemaIssue[] {
  const patternOwner = patternDefinitions(schema);
  // Type errors inside an anyOf/oneOf branch only say "not this branch": the combinator speaks for them.
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const branchesOf = (c: ErrorObject): ErrorObject[] => errors.filter((b) => b !== c && b.schemaPath.startsWith(`${c.schemaPath}/`));
  const branchTypeErrors = new Set(
    combinators.flatMap((c) => branchesOf(c).filter((b) => b.keyword === 'type' && b.instancePath === c.instancePath)),
  );
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type' && !branchTypeErrors.has(e)).map((e) => e.instancePath));

  const issues: Array<SchemaIssue & { isType?: true }> = [];
  for (const e of errors) {
    const path = e.instancePath;
    switch (e.keyword) {
      case 'type':
        if (!branchTypeErrors.has(e)) issues.push({ ...value(path, mustBe(e.params['type'])), isType: true });
        break;
      case 'anyOf':
      case 'oneOf': {
        const branches = branchesOf(e);
        // When a branch got past its type check, that branch's own errors say what is wrong.
        if (branches.length === 0 || branches.some((b) => !branchTypeErrors.has(b))) break;
        const types = [...new Set(branches.flatMap((b) => toList(b.params['type']).map(String)))];
        issues.push({ ...value(path, configMessages.mustBe(types)), isType: true });
        break;
      }
      case 'additionalProperties': {
        const key = String(e.params['additionalProperty']);
        const allowed = Object.keys(propertiesAt(schema, path));
        issues.push({ path, at: `${path}/${escape(key)}`, onKey: true, message: configMessages.unknownKey(key, allowed, closest(key, allowed)) });
        break;
      }
      case 'required':
        issues.push(value(path, configMessages.missingKey(String(e.params['missingProperty']))));
        break;
      case 'enum':
        issues.push(value(path, configMessages.oneOf(toList(e.params['allowedValues']))));
        break;
      case 'const':
        issues.push(value(path, configMessages.oneOf([e.params['allowedValue']])));
        break;
      case 'minimum':
      case 'exclusiveMinimum':
        issues.push(value(path, configMessages.atLeast(Number(e.params['limit']) + (e.keyword === 'exclusiveMinimum' ? 1 : 0))));
        break;
      case 'maximum':
      case 'exclusiveMaximum':
        issues.push(value(path, configMessages.atMost(Number(e.params['limit']) - (e.keyword === 'exclusiveMaximum' ? 1 : 0))));
        break;
      case 'minLength': {
        const limit = Number(e.params['limit']);
        issues.push(value(path, limit === 1 ? configMessages.notEmpty : configMessages.minLength(limit)));
        break;
      }
      case 'minItems': {
        const limit = Number(e.params['limit']);
        issues.push(value(path, limit === 1 ? configMessages.notEmpty : configMessages.minItems(limit)));
        break;
      }
      case 'uniqueItems': {
        // ajv names the two identical items i and j in either order; point at the repeat.
        const a = Number(e.params['i']);
        const b = Number(e.params['j']);
        const later = `${path}/${Math.max(a, b)}`;
        issues.push({ path: later, at: later, onKey: false, message: configMessages.listedTwice(Math.min(a, b)) });
        break;
      }
      case 'pattern': {
        const rule = patterns[patternOwner.get(String(e.params['pattern'])) ?? ''] ?? configMessages.patternFallback;
        const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
        if (propertyName !== undefined) {
          issues.push({ path, at: `${path}/${escape(propertyName)}`, onKey: true, message: configMessages.badKeyName(propertyName, rule) });
        } else {
          issues.push(value(path, rule));
        }
        break;
      }
      case 'propertyNames': // its inner error (above) names the key and the rule
      case 'allOf':
      case 'if':
        break;
      default:
        issues.push(value(path, configMessages.doesNotMatch(e.keyword)));
    }
  }
  const seen = new Set<string>();
  return issues
    .filter((i) => i.isType === true || !wrongType.has(i.path)) // a wrong type makes other complaints about that value noise
    .map(({ path, at, onKey, message }) => ({ path, at, onKey, message }))
    .filter((i) => {
      const id = `${i.at}\0${i.onKey}\0${i.message}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
}

function value(path: string, message: string): SchemaIssue {
  return { path, at: path, onKey: false, message };
}

function mustBe(type: unknown): string {
  return configMessages.mustBe(toList(type).map(String));
}

function toList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string' && v.includes(',')) return v.split(',');
  return v === undefined ? [] : [v];
}

function escape(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Maps each `pattern` of the schema's definitions to the definition's name (which names its message). */
function patternDefinitions(schema: SchemaNode): Map<string, string> {
  const out = new Map<string, string>();
  const definitions = (schema['definitions'] ?? {}) as Record<string, SchemaNode>;
  for (const [name, def] of Object.entries(definitions)) {
    if (typeof def['pattern'] === 'string') out.set(def['pattern'], name);
  }
  return out;
}

/** The `properties` of the object schema that describes the value at a JSON pointer. */
function propertiesAt(schema: SchemaNode, pointer: string): Record<string, unknown> {
  let node: SchemaNode | undefined = schema;
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  for (const segment of segments) {
    node = resolve(schema, node);
    if (node === undefined) break;
    const properties = node['properties'] as Record<string, SchemaNode> | undefined;
    if (properties?.[segment] !== undefined) node = properties[segment];
    else if (/^\d+$/.test(segment) && typeof node['items'] === 'object') node = node['items'] as SchemaNode;
    else if (typeof node['additionalProperties'] === 'object') node = node['additionalProperties'] as SchemaNode;
    else node = undefined;
  }
  node = resolve(schema, node);
  return (node?.['properties'] ?? {}) as Record<string, unknown>;
}

function resolve(schema: SchemaNode, node: SchemaNode | undefined): SchemaNode | undefined {
  let current = node;
  for (let hops = 0; current !== undefined && typeof current['$ref'] === 'string' && hops < 32; hops++) {
    const ref = current['$ref'];
    if (!ref.startsWith('#/')) return undefined;
    let target: unknown = schema;
    for (const part of ref.slice(2).split('/')) target = (target as Record<string, unknown> | undefined)?.[part];
    current = target as SchemaNode | undefined;
  }
  return current;
}

/** The allowed key a typo most likely meant (edit distance ≤ 2, or a case-only difference). */
function closest(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of allowed) {
    const d = candidate.toLowerCase() === key.toLowerCase() ? 0 : distance(key, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return key.length > 2 ? best : undefined;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}
