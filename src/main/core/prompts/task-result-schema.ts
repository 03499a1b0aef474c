/**
 * JSON schema of the answer a task run ends with, uploaded as result-schema.json. Codex gets it
 * as --output-schema and Claude Code as --json-schema; agents/result.ts validates the same shape.
 */
const TASK_RESULT_SCHEMA_OBJECT = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'summary', 'pullRequestUrl', 'branchName', 'worktreePath', 'notes'],
  properties: {
    status: { type: 'string', enum: ['succeeded', 'failed', 'blocked'] },
    summary: { type: 'string' },
    pullRequestUrl: { type: ['string', 'null'] },
    branchName: { type: ['string', 'null'] },
    worktreePath: { type: 'string' },
    notes: { type: ['string', 'null'] },
  },
} as const;

export const TASK_RESULT_SCHEMA = `${JSON.stringify(TASK_RESULT_SCHEMA_OBJECT, null, 2)}\n`;
