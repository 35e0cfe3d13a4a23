/**
 * A sample Phoenix-style project for the trace tests: stories, an architecture of three contexts
 * (accounts, sessions, web), Elixir code under lib/my_app and lib/my_app_web, ExUnit tests, and
 * designs in every state (approved against the architecture, draft, stale, one with no test, one
 * with no code). `editedArchitecture` changes the sessions context only, making its approved
 * designs suspect.
 */
import { setApproval, approvalTimestamp } from '../../core/approval/edit.js';
import { readArchitecture } from '../../core/architecture/reader.js';
import { designContext } from '../../core/architecture/suspect.js';
import { compileMapping } from '../../core/mapping.js';
import { designDigest } from '../../core/digest.js';
import type { Tree } from './repo.js';

export const PHOENIX_RULES = [
  { code: 'lib/my_app_web/{path}.ex', design: 'docs/design/my_app_web/{path}.md', test: 'test/my_app_web/{path}_test.exs' },
  { code: 'lib/my_app/{path}.ex', design: 'docs/design/{path}.md', test: 'test/my_app/{path}_test.exs' },
];

export const ARCHITECTURE = 'docs/architecture.md';

export function phoenixArchitecture(sessionsPurpose = 'Runs agent sessions.'): string {
  return [
    '---',
    'status: draft',
    'contexts:',
    '  accounts:',
    '    owns: [lib/my_app/accounts/]',
    '    stories: [US-1]',
    '    purpose: People and sign-in.',
    '  sessions:',
    '    owns: [lib/my_app/sessions/]',
    '    depends_on: [accounts]',
    '    stories: [US-2]',
    `    purpose: ${sessionsPurpose}`,
    '  web:',
    '    owns: [lib/my_app_web/]',
    '    depends_on: [accounts, sessions]',
    '    stories: [US-1, US-2]',
    '    purpose: Controllers and views.',
    '---',
    '',
    '# MyApp',
    '',
  ].join('\n');
}

const story = (id: string, title: string) =>
  `---\nid: ${id}\ntitle: ${JSON.stringify(title)}\n---\n\nAs a user, I want this so that it works.\n\n## Acceptance criteria\n\n- it works\n`;
const design = (stories: string[], body: string) => `---\nstatus: draft\nstories: [${stories.join(', ')}]\n---\n\n## Purpose\n\n${body}\n`;

/** The design approved as it stands, recording its context's digest in `architecture`. */
export function approvedDesign(path: string, text: string, architecture: string): string {
  const arch = readArchitecture(architecture, ARCHITECTURE, 'error').architecture!;
  const context = designContext(arch, compileMapping(PHOENIX_RULES), path)?.digest;
  return setApproval(text, path, {
    digest: designDigest(path, text),
    by: [{ name: 'Jane Doe', email: 'jane@x.org' }],
    at: approvalTimestamp(new Date('2026-01-01T00:00:00Z')),
    ...(context === undefined ? {} : { context }),
  });
}

/** The project as a file tree; `gates.approval` is off so the states shown are the derived ones. */
export function phoenixProject(): Tree {
  const arch = phoenixArchitecture();
  const user = 'docs/design/accounts/user.md';
  const orchestrator = 'docs/design/sessions/orchestrator.md';
  const stale = approvedDesign('docs/design/sessions/repo.md', design(['US-2'], 'Stores sessions.'), arch).replace('Stores sessions.', 'Stores sessions, edited.');
  return {
    '.designrc.json': `${JSON.stringify({ components: PHOENIX_RULES, gates: { approval: 'off', completeness: 'off', architecture: 'warn' } }, null, 2)}\n`,
    [ARCHITECTURE]: arch,
    'docs/stories/US-1.md': story('US-1', 'Sign in "fast" & <safe> #1'),
    'docs/stories/US-2.md': story('US-2', 'Run a session'),
    'docs/stories/US-10.md': story('US-10', 'Export invoices'),
    [user]: approvedDesign(user, design(['US-1', 'US-2'], 'A person.'), arch),
    'lib/my_app/accounts/user.ex': 'defmodule MyApp.Accounts.User do\nend\n',
    'test/my_app/accounts/user_test.exs': 'defmodule MyApp.Accounts.UserTest do\n  use ExUnit.Case\nend\n',
    [orchestrator]: approvedDesign(orchestrator, design(['US-2'], 'Runs a session.'), arch),
    'lib/my_app/sessions/orchestrator.ex': 'defmodule MyApp.Sessions.Orchestrator do\n  alias MyApp.Accounts.User\nend\n',
    'docs/design/sessions/repo.md': stale,
    'lib/my_app/sessions/repo.ex': 'defmodule MyApp.Sessions.Repo do\nend\n',
    'test/my_app/sessions/repo_test.exs': 'defmodule MyApp.Sessions.RepoTest do\n  use ExUnit.Case\nend\n',
    'docs/design/my_app_web/controllers/session_controller.md': design(['US-2'], 'Starts sessions over HTTP.'),
    'test/my_app_web/controllers/session_controller_test.exs': 'defmodule MyAppWeb.SessionControllerTest do\n  use ExUnit.Case\nend\n',
  };
}
