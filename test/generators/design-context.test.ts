import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { gatherDesignContext } from '../../generators/design-context.js';
import { loadConfig } from '../../core/config/load.js';
import { approvedDesign, makeCodeProject, sessionEnv } from '../helpers/code-project.js';
import type { TempRepo } from '../helpers/repo.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

const story = (id: string) => `---\nid: ${id}\ntitle: T ${id}\n---\nAs a user I want ${id} so that it works.\n\n## Acceptance criteria\n- ok\n`;

function project(): TempRepo {
  const repo = makeCodeProject({ host: 'http://127.0.0.1:9' }, { 'docs/stories/US-1.md': story('US-1'), 'docs/stories/US-2.md': story('US-2') });
  repos.push(repo);
  return repo;
}

const input = (repo: TempRepo, extra: Partial<Parameters<typeof gatherDesignContext>[0]>) => ({
  repoRoot: repo.dir,
  env: sessionEnv(),
  config: loadConfig(join(repo.dir, '.designrc.json')),
  prefix: '',
  rule: 0,
  designPath: 'docs/design/sub.md',
  existing: undefined,
  storyIds: [],
  ...extra,
});

describe('gatherDesignContext', () => {
  test('only the stories the context lists, as data blocks; an unknown id is said, not guessed', async () => {
    const repo = project();
    const { stories } = await gatherDesignContext(input(repo, { storyIds: ['US-2', 'US-9'] }));
    assert.match(stories, /^<<<BEGIN docs\/stories\/US-2\.md [0-9a-f]{8}>>>\n---\nid: US-2/);
    assert.doesNotMatch(stories, /US-1/);
    assert.match(stories, /- US-9: \(no story file has this id\)$/);
    assert.match((await gatherDesignContext(input(repo, {}))).stories, /^\(none: its architecture context lists no stories/);
  });

  test('a design being revised gets the Public API of what it depends on; a new design has none yet', async () => {
    const repo = project();
    const existing = approvedDesign('docs/design/sub.md', '\n## Purpose\nSubtracts.\n', 'type: module\ndepends_on: [add]\n');
    const { dependencies } = await gatherDesignContext(input(repo, { existing }));
    assert.match(dependencies, /^### add\n\n<<<BEGIN docs\/design\/add\.md Public API [0-9a-f]{8}>>>\n- `add\(a: number, b: number\): number` returns a \+ b\./);
    assert.doesNotMatch(dependencies, /## Purpose|Adds two numbers/, 'only the Public API section, not the whole design');
    assert.match((await gatherDesignContext(input(repo, {}))).dependencies, /^\(none yet/);
  });
});
