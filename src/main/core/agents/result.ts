import { z } from 'zod';
import type { RunKind } from '@shared/domain/dispatch';
import { AppError } from '../errors';
import type { ResultOfKind } from './types';

/** The task result schema (prompts/task-result-schema.ts) as a validator. */
export const agentResultSchema = z.object({
  status: z.enum(['succeeded', 'failed', 'blocked']),
  summary: z.string(),
  pullRequestUrl: z.string().nullable(),
  branchName: z.string().nullable(),
  worktreePath: z.string(),
  notes: z.string().nullable(),
});

/** The review result schema (prompts/review-result-schema.ts) as a validator. */
export const reviewResultSchema = z.object({
  status: z.enum(['succeeded', 'failed', 'blocked']),
  summary: z.string(),
  reviewSubmitted: z.boolean(),
  githubReviewId: z.string().nullable(),
  githubReviewUrl: z.string().nullable(),
  worktreePath: z.string(),
  notes: z.string().nullable(),
});

const RESULT_SCHEMAS = { task: agentResultSchema, review: reviewResultSchema } as const;

export function failure(message: string): AppError {
  return new AppError('REMOTE_FAILED', message);
}

/** A short, single-line excerpt of text for error messages. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses JSON, also when a model wrapped it in a ``` fence. */
export function parseJson(raw: string): JsonParse {
  const text = raw.trim();
  const fenced = /^```[a-zA-Z]*\n([\s\S]*)\n```$/.exec(text);
  try {
    return { ok: true, value: JSON.parse(fenced?.[1] ?? text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Why `value` is not the result of a run of this kind, or the result itself. */
export function checkResult<K extends RunKind>(
  value: unknown,
  kind: K,
): { ok: true; result: ResultOfKind[K] } | { ok: false; problems: string } {
  const parsed = RESULT_SCHEMAS[kind].safeParse(value);
  if (parsed.success) return { ok: true, result: parsed.data as ResultOfKind[K] };
  const problems = parsed.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'the result'}: ${issue.message}`)
    .join('; ');
  return { ok: false, problems };
}

/** A result given directly as the schema's JSON object. */
export function parseDirectResult<K extends RunKind>(
  raw: string,
  agentName: string,
  kind: K,
): ResultOfKind[K] {
  if (raw.trim() === '') throw failure(`${agentName} left an empty result file.`);
  const json = parseJson(raw);
  if (!json.ok) {
    throw failure(`${agentName}'s result is not valid JSON (${json.message}): ${excerpt(raw)}`);
  }
  const checked = checkResult(json.value, kind);
  if (!checked.ok)
    throw failure(`${agentName}'s result does not match the result schema: ${checked.problems}`);
  return checked.result;
}

/**
 * Whether an agent's message is its final answer: the result JSON of a task or review run. That
 * answer is shown as the run's result, so the live view leaves the message out.
 */
export function isFinalAnswer(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('```')) return false;
  const json = parseJson(trimmed);
  return json.ok && (checkResult(json.value, 'task').ok || checkResult(json.value, 'review').ok);
}
