export { buildTaskPrompt, CURRENT_FOLLOW_UP_HEADING, type TaskPromptInput } from './task-prompt';
export { TASK_RESULT_SCHEMA } from './task-result-schema';
export { firstLine, followUpSummary } from './follow-up';
export { buildReviewPrompt, FIRST_LINE_RULE, reviewFirstLine, type ReviewPromptInput } from './review-prompt';
export { REVIEW_RESULT_SCHEMA } from './review-result-schema';
