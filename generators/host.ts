/**
 * Which Ollama server a session may talk to. The `ollama` client does not read `OLLAMA_HOST`, so
 * we do; and since a design sent to a server off this machine leaves it, such a host needs
 * `generator.allowRemoteHost` in the config, whichever of config or environment named it (F16).
 */
import type { GeneratorConfig } from '../core/config/types.js';
import { isLoopbackUrl } from '../core/config/rules.js';
import { DesignGateError } from '../core/errors.js';
import { generatorMessages as m } from '../core/messages/generators.js';

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

export interface HostChoice {
  /** Normalised: `http://host:port`, no trailing slash. */
  host: string;
  /** Where it came from: `generator.host`, `OLLAMA_HOST`, or the default. */
  source: 'config' | 'env' | 'default';
  /** Set when the host is off this machine (and allowed): a warning to show before sending designs. */
  warning?: string;
}

/**
 * Normalises a host the way the `ollama` client does (`localhost` → `http://localhost:11434`,
 * `:9999` → `http://127.0.0.1:9999`), so the loopback check judges the address actually contacted.
 * Returns undefined when it is not a URL at all.
 * @example normalizeHost('0.0.0.0') // 'http://0.0.0.0:11434'
 */
export function normalizeHost(raw: string): string | undefined {
  let host = raw.trim();
  if (host === '') return undefined;
  let explicit = host.includes('://');
  if (host.startsWith(':')) {
    host = `http://127.0.0.1${host}`;
    explicit = true;
  }
  if (!explicit) host = `http://${host}`;
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const port = url.port !== '' ? url.port : explicit ? (url.protocol === 'https:' ? '443' : '80') : '11434';
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.hostname}:${port}${path}`;
}

/**
 * The host for this run. `OLLAMA_HOST` overrides the default host, not one written in the config
 * (the normalised config cannot tell an explicit default from none, so a config naming exactly the
 * default also yields to the environment). Throws CONFIG when the host is malformed, or off this
 * machine without `allowRemoteHost`.
 * @example chooseHost({ host: 'http://127.0.0.1:11434', allowRemoteHost: false }, { OLLAMA_HOST: ':9999' }).host // 'http://127.0.0.1:9999'
 */
export function chooseHost(generator: Pick<GeneratorConfig, 'host' | 'allowRemoteHost'>, env: Readonly<Record<string, string | undefined>>): HostChoice {
  const fromEnv = env['OLLAMA_HOST'];
  const configured = generator.host !== '' && generator.host !== DEFAULT_OLLAMA_HOST;
  const source: HostChoice['source'] = configured ? 'config' : fromEnv !== undefined && fromEnv.trim() !== '' ? 'env' : 'default';
  const raw = source === 'env' ? (fromEnv as string) : source === 'config' ? generator.host : DEFAULT_OLLAMA_HOST;
  const where = source === 'env' ? 'OLLAMA_HOST' : 'generator.host';
  const host = normalizeHost(raw);
  if (host === undefined) throw new DesignGateError('CONFIG', m.badHost(where, raw), { fix: m.badHostFix(where) });
  if (isLoopbackUrl(host)) return { host, source };
  if (!generator.allowRemoteHost) throw new DesignGateError('CONFIG', m.remoteHost(where, host), { fix: m.remoteHostFix });
  return { host, source, warning: m.remoteHostWarning(host) };
}
