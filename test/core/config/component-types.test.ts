import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { builtinGuidance, defaultComponentTypes } from '../../../core/config/component-types.js';
import { compileValidator } from '../../../core/config/schema-validator.js';

describe('defaultComponentTypes', () => {
  test('has the generic module, a context façade, schema, service, ui and cli', () => {
    for (const name of ['module', 'context', 'schema', 'service', 'ui', 'cli']) assert.ok(defaultComponentTypes[name], name);
  });

  test('every type starts with Purpose, ends with Test Scenarios, and has one line of guidance per section', () => {
    for (const [name, type] of Object.entries(defaultComponentTypes)) {
      assert.equal(type.sections[0], 'Purpose', name);
      assert.equal(type.sections.at(-1), 'Test Scenarios', name);
      assert.deepEqual(Object.keys(type.guidance), type.sections, name);
      for (const line of Object.values(type.guidance)) {
        assert.ok(line.length > 10 && !line.includes('\n'), `${name}: ${line}`);
      }
      assert.equal(new Set(type.sections).size, type.sections.length, name);
    }
  });

  test('the service type has the sections of the product example', () => {
    assert.deepEqual(defaultComponentTypes['service']?.sections, ['Purpose', 'Public API', 'Dependencies', 'Error Handling', 'Test Scenarios']);
  });

  test('written out as config (what init does), the types are schema-valid', () => {
    const validate = compileValidator('designrc');
    assert.equal(validate({ preset: 'go', types: defaultComponentTypes }), true, JSON.stringify(validate.errors));
  });
});

describe('builtinGuidance', () => {
  test('finds the line of a familiar section, module first', () => {
    assert.equal(builtinGuidance('Purpose'), defaultComponentTypes['module']?.guidance['Purpose']);
    assert.equal(builtinGuidance('Error Handling'), defaultComponentTypes['service']?.guidance['Error Handling']);
    assert.equal(builtinGuidance('Exit Codes'), defaultComponentTypes['cli']?.guidance['Exit Codes']);
    assert.equal(builtinGuidance('Nothing Like It'), undefined);
  });
});
