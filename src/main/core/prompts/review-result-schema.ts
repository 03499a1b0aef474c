/**
 * JSON schema of the answer a review run ends with, uploaded as result-schema.json (the task
 * schema's sibling). agents/result.ts validates the same shape. `reviewSubmitted` is what makes
 * a run a submitted review: a run saying "succeeded" without it is not shown as one.
 */
const REVIEW_RESULT_SCHEMA_OBJECT = {
  type: 'object',
  additionalProperties: false,
  required: [
    'status',
    'summary',
    'reviewSubmitted',
    'githubReviewId',
    'githubReviewUrl',
    'worktreePath',
    'notes',
  ],
  properties: {
    status: { type: 'string', enum: ['succeeded', 'failed', 'blocked'] },
    summary: { type: 'string' },
    reviewSubmitted: { type: 'boolean' },
    githubReviewId: { type: ['string', 'null'] },
    githubReviewUrl: { type: ['string', 'null'] },
    worktreePath: { type: 'string' },
    notes: { type: ['string', 'null'] },
  },
} as const;

export const REVIEW_RESULT_SCHEMA = `${JSON.stringify(REVIEW_RESULT_SCHEMA_OBJECT, null, 2)}\n`;
