import { describe, expect, it } from 'vitest';
import { adapterFor, agentResultSchema } from '../../../src/main/core/agents';
import { TASK_RESULT_SCHEMA } from '../../../src/main/core/prompts';

interface Schema {
  type: string;
  additionalProperties: boolean;
  required: string[];
  properties: Record<string, { type: string | string[]; enum?: string[] }>;
}

const schema = JSON.parse(TASK_RESULT_SCHEMA) as Schema;

describe('TASK_RESULT_SCHEMA', () => {
  it('is pretty JSON of a closed object with every field required', () => {
    expect(TASK_RESULT_SCHEMA).toContain('\n  "type": "object"');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required.sort()).toEqual(Object.keys(schema.properties).sort());
  });

  it('has exactly the fields parseResult validates', () => {
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(agentResultSchema.shape).sort());
    expect(schema.properties.status?.enum).toEqual(agentResultSchema.shape.status.options);
  });

  it('makes the same fields nullable as parseResult, and describes answers it accepts', () => {
    const nullable = Object.entries(schema.properties)
      .filter(([, property]) => Array.isArray(property.type) && property.type.includes('null'))
      .map(([key]) => key)
      .sort();
    expect(nullable).toEqual(['branchName', 'notes', 'pullRequestUrl']);
    const acceptsNull = Object.entries(agentResultSchema.shape)
      .filter(([, field]) => field.safeParse(null).success)
      .map(([key]) => key)
      .sort();
    expect(acceptsNull).toEqual(nullable);
    const answer = {
      status: 'blocked',
      summary: 'Needs a decision.',
      pullRequestUrl: null,
      branchName: null,
      worktreePath: '/w',
      notes: null,
    };
    expect(adapterFor('codex').parseResult(JSON.stringify(answer))).toEqual(answer);
    expect(
      adapterFor('claude').parseResult(
        JSON.stringify({ type: 'result', subtype: 'success', structured_output: answer }),
      ),
    ).toEqual(answer);
  });
});
