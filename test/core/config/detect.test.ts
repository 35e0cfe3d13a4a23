import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { detectPreset, readMixAppName } from '../../../core/config/detect.js';
import { makeTempDir, writeTree, type Tree } from '../../helpers/repo.js';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dirWith(tree: Tree): string {
  const dir = makeTempDir();
  dirs.push(dir);
  writeTree(dir, tree);
  return dir;
}

const mixExs = (app: string) => `defmodule MyApp.MixProject do
  use Mix.Project

  def project do
    [
      app: :${app},
      version: "0.1.0",
      elixir: "~> 1.15",
      deps: deps()
    ]
  end
end
`;

describe('detectPreset', () => {
  test('mix.exs → elixir-phoenix with the app name', () => {
    assert.deepEqual(detectPreset(dirWith({ 'mix.exs': mixExs('my_app') })), { preset: 'elixir-phoenix', appName: 'my_app' });
  });

  test('mix.exs wins over a package.json (Phoenix assets)', () => {
    assert.deepEqual(detectPreset(dirWith({ 'mix.exs': mixExs('shop'), 'package.json': '{}' })), { preset: 'elixir-phoenix', appName: 'shop' });
  });

  test('mix.exs without an app (an umbrella root) → elixir-phoenix without a name', () => {
    assert.deepEqual(detectPreset(dirWith({ 'mix.exs': 'defmodule Umbrella.MixProject do\n  def project, do: [apps_path: "apps"]\nend\n' })), {
      preset: 'elixir-phoenix',
    });
  });

  test('go.mod → go', () => {
    assert.deepEqual(detectPreset(dirWith({ 'go.mod': 'module example.com/x\n\ngo 1.22\n' })), { preset: 'go' });
  });

  test('pyproject.toml or setup.py → python', () => {
    assert.deepEqual(detectPreset(dirWith({ 'pyproject.toml': '[project]\nname = "x"\n' })), { preset: 'python' });
    assert.deepEqual(detectPreset(dirWith({ 'setup.py': 'from setuptools import setup\n' })), { preset: 'python' });
  });

  test('package.json or tsconfig.json → typescript', () => {
    assert.deepEqual(detectPreset(dirWith({ 'package.json': '{}' })), { preset: 'typescript' });
    assert.deepEqual(detectPreset(dirWith({ 'tsconfig.json': '{}' })), { preset: 'typescript' });
  });

  test('go.mod wins over package.json; pyproject over package.json', () => {
    assert.deepEqual(detectPreset(dirWith({ 'go.mod': 'module x\n', 'package.json': '{}' })), { preset: 'go' });
    assert.deepEqual(detectPreset(dirWith({ 'pyproject.toml': '', 'package.json': '{}' })), { preset: 'python' });
  });

  test('only top-level files count', () => {
    assert.equal(detectPreset(dirWith({ 'sub/go.mod': 'module x\n', 'README.md': '# x\n' })), undefined);
    assert.equal(detectPreset(dirWith({})), undefined);
  });
});

describe('readMixAppName', () => {
  test('reads app: :name and ignores commented-out lines', () => {
    assert.equal(readMixAppName(dirWith({ 'mix.exs': mixExs('my_app') })), 'my_app');
    assert.equal(readMixAppName(dirWith({ 'mix.exs': '# app: :old_name\n[app: :new_name]\n' })), 'new_name');
    assert.equal(readMixAppName(dirWith({ 'mix.exs': '[app:   :spaced_2]' })), 'spaced_2');
  });
  test('undefined when there is no mix.exs or no app', () => {
    assert.equal(readMixAppName(dirWith({})), undefined);
    assert.equal(readMixAppName(dirWith({ 'mix.exs': '[apps_path: "apps"]' })), undefined);
  });
});
