/**
 * Maps an Elixir module name to the file that defines it by the Mix/Phoenix convention:
 * `MyApp.Sessions.Orchestrator` lives in `lib/my_app/sessions/orchestrator.ex`, each segment
 * written the way `Macro.underscore/1` writes it. A module nested in another file's module
 * (`MyApp.Accounts.User.Query` inside `user.ex`) has no file of its own, so the nearest enclosing
 * module that has one is taken. Modules of dependencies and of Elixir itself have no file in the
 * repository and resolve to nothing.
 */

/**
 * `Macro.underscore/1` for one alias segment: `MyApp` → `my_app`, `HTTPClient` → `http_client`,
 * `Base64` → `base64`, `V1Api` → `v1_api`.
 * @example underscore('MyAppWeb') // 'my_app_web'
 */
export function underscore(segment: string): string {
  const upper = (c: string | undefined) => c !== undefined && c >= 'A' && c <= 'Z';
  const digit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    const prev = segment[i - 1];
    const next = segment[i + 1];
    if (i > 0 && upper(c)) {
      // Before an upper-case letter that starts a word: after a lower-case letter or digit, or
      // at the last capital of an acronym followed by a lower-case letter (HTTPClient).
      const startsWord = (!upper(prev) && prev !== '_') || (next !== undefined && !upper(next) && !digit(next) && next !== '_');
      if (startsWord) out += '_';
    }
    out += c.toLowerCase();
  }
  return out;
}

/**
 * The files that may define `module`, most specific first, relative to the config root.
 * @example moduleFiles('MyApp.Sessions.Repo') // ['lib/my_app/sessions/repo.ex', 'lib/my_app/sessions.ex', 'lib/my_app.ex']
 */
export function moduleFiles(module: string): string[] {
  const segments = module.split('.').filter((s) => s !== '').map(underscore);
  const files: string[] = [];
  for (let k = segments.length; k > 0; k--) files.push(`lib/${segments.slice(0, k).join('/')}.ex`);
  return files;
}

/**
 * The file among `files` (config-relative) that defines `module`, or undefined.
 * @example resolveModule('MyApp.Sessions.Repo', new Set(['lib/my_app/sessions/repo.ex'])) // 'lib/my_app/sessions/repo.ex'
 */
export function resolveModule(module: string, files: ReadonlySet<string>): string | undefined {
  return moduleFiles(module).find((f) => files.has(f));
}
