import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readExUnitTests } from '../../../core/alignment/exunit.js';

const names = (text: string) => readExUnitTests(text).map((t) => `${t.line}:${t.path.join(' > ')}`);

describe('readExUnitTests', () => {
  test('test and describe names with lines, with contexts, one-line do and pending tests', () => {
    const text = [
      'defmodule MyApp.ParserTest do',
      '  use ExUnit.Case, async: true',
      '  describe "parse/1" do',
      '    test "returns {:ok, ast}", %{conn: conn} do',
      '      assert {:ok, _} = Parser.parse("x")',
      '    end',
      '    test "pending"',
      '    test("rejects tabs", do: assert(true))',
      '  end',
      '  test "outside any describe" do',
      '  end',
      'end',
    ].join('\n');
    assert.deepEqual(names(text), ['4:parse/1 > returns {:ok, ast}', '7:parse/1 > pending', '8:parse/1 > rejects tabs', '10:outside any describe']);
  });

  test('tests in comments, heredocs, sigils and strings are not tests', () => {
    const text = [
      '# test "commented" do',
      '@moduledoc """',
      'test "in a heredoc" do',
      '"""',
      '~s(test "in a sigil")',
      'x = "test \\"in a string\\""',
      'opts = [test: "keyword"]',
      'test "real #{"interpolated"} name" do',
      'end',
    ].join('\n');
    assert.deepEqual(names(text), ['8:real #{"interpolated"} name']);
  });

  test('describe ends at its end, also around fn blocks and nested do blocks', () => {
    const text = [
      'describe "a" do',
      '  setup do',
      '    Enum.each([1], fn x -> x end)',
      '  end',
      '  test "one" do',
      '    if true do',
      '      :ok',
      '    end',
      '  end',
      'end',
      'test "two" do',
      'end',
    ].join('\n');
    assert.deepEqual(names(text), ['5:a > one', '11:two']);
  });
});
