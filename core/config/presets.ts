/**
 * Component rules for the kinds of project designgate knows. A preset only fills in `components`
 * (and a few `ignore` globs) when a `.designrc.json` names it without listing rules itself; `init`
 * writes the rules out so they are visible and editable.
 */
import type { ComponentRule } from './types.js';

export type PresetName = 'typescript' | 'elixir-phoenix' | 'python' | 'go';

/** Every preset, in the order `init --help` lists them. */
export const presetNames: readonly PresetName[] = ['typescript', 'elixir-phoenix', 'python', 'go'];

/** Whether a string names a preset. */
export function isPresetName(name: string): name is PresetName {
  return (presetNames as readonly string[]).includes(name);
}

/**
 * The component rules of a preset, most specific first (rules are tried in order).
 * `appName` is the OTP application of an Elixir project (`app: :my_app` in mix.exs); without it the
 * Elixir rules map all of lib/ and test/.
 * @example presetRules('elixir-phoenix', { appName: 'my_app' })[1]
 *   // { code: 'lib/my_app/{path}.ex', design: 'docs/design/{path}.md', test: 'test/my_app/{path}_test.exs' }
 */
export function presetRules(name: PresetName, context: { appName?: string }): ComponentRule[] {
  switch (name) {
    case 'typescript':
      return [{ code: 'src/{path}.ts', design: 'docs/design/{path}.md', test: 'test/{path}.test.ts' }];
    case 'python':
      // src layout (PyPA's recommendation); pytest collects *_test.py by default.
      return [{ code: 'src/{path}.py', design: 'docs/design/{path}.md', test: 'tests/{path}_test.py' }];
    case 'go':
      // Go keeps a package's tests beside its code.
      return [{ code: '{path}.go', design: 'docs/design/{path}.md', test: '{path}_test.go' }];
    case 'elixir-phoenix': {
      const app = context.appName;
      if (app === undefined) return [{ code: 'lib/{path}.ex', design: 'docs/design/{path}.md', test: 'test/{path}_test.exs' }];
      return [
        // The web layer first, with its own design folder: its design template is strictly more
        // specific than the general one below, so the two rules never claim the same design.
        { code: `lib/${app}_web/{path}.ex`, design: `docs/design/${app}_web/{path}.md`, test: `test/${app}_web/{path}_test.exs` },
        { code: `lib/${app}/{path}.ex`, design: 'docs/design/{path}.md', test: `test/${app}/{path}_test.exs` },
      ];
    }
  }
}

/** Globs a preset exempts when it fills in the rules: files that match a code template but are no component. */
export function presetIgnore(name: PresetName): string[] {
  switch (name) {
    case 'typescript':
      return ['**/*.d.ts'];
    case 'python':
      return ['**/__init__.py'];
    case 'go':
      return ['vendor/**'];
    case 'elixir-phoenix':
      return [];
  }
}
