/**
 * The built-in component types: the H2 sections a design of each kind must have, in order, with one
 * line of guidance per section (written under each heading of a new draft and handed to the model).
 * A `.designrc.json` may replace any of them or add its own under `types`.
 */
import type { ComponentType } from './types.js';

const purpose = 'One paragraph: what this component is for and why it exists.';
const publicApi = 'Every exported function or type with its signature and one line on what it does.';
const dependencies = 'The components and libraries it uses, and why each earns its place.';
const testScenarios = 'The cases its tests cover, one line each: the normal path, the edges, the failures.';

/**
 * The types every configuration starts with (a configured type of the same name replaces one).
 * @example defaultComponentTypes['service']!.sections // ['Purpose', 'Public API', 'Dependencies', 'Error Handling', 'Test Scenarios']
 */
export const defaultComponentTypes: Record<string, ComponentType> = {
  module: {
    sections: ['Purpose', 'Public API', 'Dependencies', 'Test Scenarios'],
    guidance: { Purpose: purpose, 'Public API': publicApi, Dependencies: dependencies, 'Test Scenarios': testScenarios },
  },
  context: {
    sections: ['Purpose', 'Public API', 'Components', 'Dependencies', 'Test Scenarios'],
    guidance: {
      Purpose: 'One paragraph: the part of the domain this context owns and the boundary it draws.',
      'Public API': 'The façade other contexts call: each function with its signature; nothing else is reachable from outside.',
      Components: 'The components inside the context and what each is responsible for.',
      Dependencies: 'The other contexts it may call, and why.',
      'Test Scenarios': 'The behaviour seen through the façade, one line each, including the failures it reports.',
    },
  },
  schema: {
    sections: ['Purpose', 'Fields', 'Constraints', 'Relationships', 'Test Scenarios'],
    guidance: {
      Purpose: 'One paragraph: what this record stores and who reads and writes it.',
      Fields: 'Each field with its type, whether it is required, and its default.',
      Constraints: 'Validations, unique indexes and other rules the database or changeset enforces.',
      Relationships: 'Associations to other schemas (belongs to, has many) and what happens on delete.',
      'Test Scenarios': 'Valid and invalid records, one line each, and the message each invalid one gets.',
    },
  },
  service: {
    sections: ['Purpose', 'Public API', 'Dependencies', 'Error Handling', 'Test Scenarios'],
    guidance: {
      Purpose: 'One paragraph: the business rule or workflow this component carries out.',
      'Public API': publicApi,
      Dependencies: dependencies,
      'Error Handling': 'Each way it can fail, what the caller receives then, and what is left unchanged.',
      'Test Scenarios': testScenarios,
    },
  },
  ui: {
    sections: ['Purpose', 'User Interface', 'Events', 'State', 'Dependencies', 'Test Scenarios'],
    guidance: {
      Purpose: 'One paragraph: what the user does on this screen or component (LiveView, page, widget).',
      'User Interface': 'What is shown and in which states: empty, loading, error, filled.',
      Events: 'Each user event or message it handles and what it does in response.',
      State: 'The state it keeps (assigns, props, store) and where each part comes from.',
      Dependencies: 'The contexts or services it calls; it holds no business rules itself.',
      'Test Scenarios': 'What a user does and sees, one line each.',
    },
  },
  cli: {
    sections: ['Purpose', 'Usage', 'Options', 'Output', 'Exit Codes', 'Test Scenarios'],
    guidance: {
      Purpose: 'One paragraph: the task this command performs for its user.',
      Usage: 'The command line, with one example per common use.',
      Options: 'Each flag and argument, its default, and what it changes.',
      Output: 'What it prints on stdout and on stderr, and any machine-readable format.',
      'Exit Codes': 'Each exit status and when it is returned.',
      'Test Scenarios': 'Command lines and the output and exit status each must produce, one line each.',
    },
  },
};

/**
 * The built-in guidance line for a section name, whichever built-in type has it (module first), so a
 * configured type that lists only its sections still gets guidance for the familiar ones.
 */
export function builtinGuidance(section: string): string | undefined {
  for (const type of Object.values(defaultComponentTypes)) {
    const line = type.guidance[section];
    if (line !== undefined) return line;
  }
  return undefined;
}
