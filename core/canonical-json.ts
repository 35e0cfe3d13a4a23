/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the one serialisation the design digest hashes, so
 * that key order, spacing and number spelling in the YAML never change a digest.
 */
import { frontmatterMessages as m } from './messages/frontmatter.js';

/**
 * Serialises `value` per RFC 8785: object keys sorted by UTF-16 code units, numbers in ECMAScript
 * form (`1e+21`, `0.002`, `-0` → `0`), strings escaped as `JSON.stringify` does, no whitespace.
 * Throws a `TypeError` on anything JSON cannot hold exactly: `undefined`, functions, symbols,
 * bigint, NaN, ±Infinity, strings with unpaired surrogates, cycles, and objects that are not plain
 * (Date, Map, Buffer, class instances) — their `toJSON` is never called.
 * @example canonicalJson({ b: [1, 2.50], a: 'x' }) // '{"a":"x","b":[1,2.5]}'
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, '$', parts, new Set());
  return parts.join('');
}

function write(value: unknown, at: string, out: string[], ancestors: Set<object>): void {
  if (value === null) return void out.push('null');
  switch (typeof value) {
    case 'boolean':
      return void out.push(value ? 'true' : 'false');
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(m.notJson(String(value), at));
      // JSON.stringify of a finite number is ECMAScript Number::toString, which RFC 8785 adopts.
      return void out.push(JSON.stringify(value));
    case 'string':
      if (hasUnpairedSurrogate(value)) throw new TypeError(m.notJson('a string with an unpaired surrogate', at));
      return void out.push(JSON.stringify(value));
    case 'object':
      break;
    default:
      throw new TypeError(m.notJson(typeof value, at));
  }
  if (ancestors.has(value)) throw new TypeError(m.notJson('a cycle', at));
  ancestors.add(value);
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      // A hole reads as undefined and is refused like any other undefined.
      write(value[i], `${at}[${i}]`, out, ancestors);
    }
    out.push(']');
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(m.notJson(`a ${value.constructor?.name ?? 'non-plain'} object`, at));
    }
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, exactly as RFC 8785 §3.2.3 requires.
    const keys = Object.keys(record).sort();
    out.push('{');
    keys.forEach((key, i) => {
      if (i > 0) out.push(',');
      if (hasUnpairedSurrogate(key)) throw new TypeError(m.notJson('a key with an unpaired surrogate', at));
      out.push(JSON.stringify(key), ':');
      write(record[key], `${at}.${key}`, out, ancestors);
    });
    out.push('}');
  }
  ancestors.delete(value);
}

/** True when `text` holds a lone UTF-16 surrogate (in `u` mode a valid pair is one code point, never `Cs`). */
export function hasUnpairedSurrogate(text: string): boolean {
  return /\p{Cs}/u.test(text);
}
