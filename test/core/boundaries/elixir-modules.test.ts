import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { moduleFiles, resolveModule, underscore } from '../../../core/boundaries/elixir-modules.js';

describe('Elixir module files', () => {
  test('underscore writes each segment as Macro.underscore does', () => {
    const cases: Array<[string, string]> = [
      ['MyApp', 'my_app'],
      ['MyAppWeb', 'my_app_web'],
      ['HTTPClient', 'http_client'],
      ['Base64', 'base64'],
      ['V1Api', 'v1_api'],
      ['ABC', 'abc'],
      ['ABCd', 'ab_cd'],
      ['Foo_Bar', 'foo__bar'],
      ['Orchestrator', 'orchestrator'],
    ];
    for (const [alias, file] of cases) assert.equal(underscore(alias), file, alias);
  });

  test('a module maps to its Phoenix path, then to the files of the modules enclosing it', () => {
    assert.deepEqual(moduleFiles('MyApp.Sessions.Orchestrator'), ['lib/my_app/sessions/orchestrator.ex', 'lib/my_app/sessions.ex', 'lib/my_app.ex']);
    assert.deepEqual(moduleFiles('MyAppWeb.PageController'), ['lib/my_app_web/page_controller.ex', 'lib/my_app_web.ex']);
  });

  test('resolveModule takes the most specific file that exists; library modules resolve to nothing', () => {
    const files = new Set(['lib/my_app/accounts.ex', 'lib/my_app/accounts/user.ex', 'lib/my_app/sessions/repo.ex']);
    assert.equal(resolveModule('MyApp.Accounts.User', files), 'lib/my_app/accounts/user.ex');
    assert.equal(resolveModule('MyApp.Accounts.User.Query', files), 'lib/my_app/accounts/user.ex');
    assert.equal(resolveModule('MyApp.Accounts', files), 'lib/my_app/accounts.ex');
    assert.equal(resolveModule('MyApp.Sessions.Repo', files), 'lib/my_app/sessions/repo.ex');
    assert.equal(resolveModule('MyApp.Sessions', files), undefined);
    assert.equal(resolveModule('Ecto.Changeset', files), undefined);
    assert.equal(resolveModule('GenServer', files), undefined);
  });
});
