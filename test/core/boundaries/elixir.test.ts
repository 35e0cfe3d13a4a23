import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readElixirReferences } from '../../../core/boundaries/elixir.js';

const refs = (text: string) => readElixirReferences(text).map((r) => `${r.line}:${r.column} ${r.kind} ${r.module}`);
const modules = (text: string) => readElixirReferences(text).map((r) => r.module);

describe('readElixirReferences', () => {
  test('alias, import, use and require, at the module name', () => {
    const text = [
      'defmodule MyApp.Sessions.Orchestrator do',
      '  use GenServer',
      '  alias MyApp.Sessions.Repo',
      '  import Ecto.Query, only: [from: 2]',
      '  require Logger',
      'end',
    ].join('\n');
    assert.deepEqual(refs(text), ['2:7 use GenServer', '3:9 alias MyApp.Sessions.Repo', '4:10 import Ecto.Query', '5:11 require Logger']);
  });

  test('multi-alias braces and as: name each module and bring their short names into scope', () => {
    const text = 'alias MyApp.Sessions.{Repo, Agents.Runner}\nalias MyApp.Accounts.User, as: Person\nRunner.start(Repo, %Person{})\n';
    assert.deepEqual(refs(text), [
      '1:23 alias MyApp.Sessions.Repo',
      '1:29 alias MyApp.Sessions.Agents.Runner',
      '2:7 alias MyApp.Accounts.User',
      '3:1 call MyApp.Sessions.Agents.Runner',
      '3:14 reference MyApp.Sessions.Repo',
      '3:21 reference MyApp.Accounts.User',
    ]);
  });

  test('fully qualified calls and other references, aliases expanded where in scope', () => {
    const text = [
      'defmodule MyAppWeb.PageController do',
      '  alias MyApp.Sessions',
      '  def show(conn, _) do',
      '    MyApp.Accounts.Repo.get(User, 1)',
      '    Sessions.Repo.all() |> Enum.map(&MyApp.Format.row/1)',
      '    @behaviour Elixir.MyApp.Worker',
      '  end',
      'end',
      'Sessions.Repo.all()',
    ].join('\n');
    assert.deepEqual(refs(text), [
      '2:9 alias MyApp.Sessions',
      '4:5 call MyApp.Accounts.Repo',
      '4:29 reference User',
      '5:5 call MyApp.Sessions.Repo',
      '5:28 call Enum',
      '5:38 call MyApp.Format',
      '6:16 reference MyApp.Worker',
      // Outside the module the alias is out of scope.
      '9:1 call Sessions.Repo',
    ]);
  });

  test('a module name inside a string, comment, heredoc, sigil, charlist, atom or character literal is not a reference', () => {
    const text = [
      '# alias MyApp.Secret.Comment',
      'defmodule MyApp.A do',
      '  @moduledoc """',
      '  Calls MyApp.Secret.Heredoc.run() — and "quotes" inside.',
      '  """',
      '  def f do',
      '    s = "MyApp.Secret.String.run() \\" alias MyApp.Secret.Escaped"',
      "    c = 'MyApp.Secret.Charlist'",
      '    r = ~r/MyApp\\.Secret\\.Regex/i',
      '    w = ~w(MyApp.Secret.Words other)a',
      '    h = ~S"""',
      '    import MyApp.Secret.SigilHeredoc',
      '    """',
      '    a = :"MyApp.Secret.Atom"',
      '    {?#, ?", :alias, alias: MyApp.Real.KeywordValue}',
      '  end',
      'end',
    ].join('\n');
    assert.deepEqual(modules(text), ['MyApp.Real.KeywordValue']);
  });

  test('code inside #{} interpolation is read as code', () => {
    const text = 'x = "total: #{MyApp.Billing.Totals.sum(%{a: "}"})} MyApp.Not.This"\n~s(#{MyApp.In.Sigil.f()}) <> ~S(#{MyApp.Not.Raw})\n';
    assert.deepEqual(modules(text), ['MyApp.Billing.Totals', 'MyApp.In.Sigil']);
  });

  test('__MODULE__ and nested defmodule names resolve; the defined names are not references', () => {
    const text = [
      'defmodule MyApp.Sessions.Runner do',
      '  alias __MODULE__.State',
      '  defmodule Step do',
      '    def next, do: State.new()',
      '  end',
      '  def run, do: Step.next() && __MODULE__.Helpers.go()',
      'end',
    ].join('\n');
    assert.deepEqual(refs(text), [
      '2:9 alias MyApp.Sessions.Runner.State',
      '4:19 call MyApp.Sessions.Runner.State',
      '6:16 call MyApp.Sessions.Runner.Step',
      '6:31 call MyApp.Sessions.Runner.Helpers',
    ]);
  });

  test('keyword keys and fields named like directives are not directives', () => {
    assert.deepEqual(modules('opts = [alias: Foo, import: true]\nconfig.use\nmap.require(MyApp.X)\n'), ['Foo', 'MyApp.X']);
  });
});
