import { z } from 'zod';
import { checkResult, excerpt, failure, parseJson } from '../result';
import type { RunKind } from '@shared/domain/dispatch';
import type { ResultOfKind } from '../types';

/** The final `type: "result"` event of Claude Code, which the launch fragment saves as result.json. */
const envelopeSchema = z.object({
  type: z.string().optional(),
  subtype: z.string().optional(),
  is_error: z.boolean().optional(),
  result: z.string().optional(),
  structured_output: z.unknown().optional(),
  errors: z.array(z.string()).optional(),
});

/** Accepts the result schema's JSON directly, or Claude Code's envelope holding it in `structured_output`. */
export function parseClaudeResult<K extends RunKind>(raw: string, kind: K): ResultOfKind[K] {
  if (raw.trim() === '') {
    throw failure('Claude Code left no result: its output had no final "result" event.');
  }
  const json = parseJson(raw);
  if (!json.ok) throw failure(`Claude Code's result is not valid JSON (${json.message}): ${excerpt(raw)}`);
  const direct = checkResult(json.value, kind);
  if (direct.ok) return direct.result;

  const parsed = envelopeSchema.safeParse(json.value);
  const isEnvelope =
    parsed.success && (parsed.data.type === 'result' || parsed.data.structured_output !== undefined);
  if (!parsed.success || !isEnvelope) {
    throw failure(
      `Claude Code's result is neither the result schema (${direct.problems}) nor a Claude Code result event.`,
    );
  }
  const envelope = parsed.data;
  if (envelope.is_error === true || (envelope.subtype !== undefined && envelope.subtype !== 'success')) {
    const said = [envelope.result ?? '', ...(envelope.errors ?? [])].join(' ').trim();
    throw failure(
      `Claude Code ended with an error (${envelope.subtype ?? 'is_error'})${said === '' ? '.' : `: ${excerpt(said, 500)}`}`,
    );
  }
  if (envelope.structured_output !== undefined && envelope.structured_output !== null) {
    const structured = checkResult(envelope.structured_output, kind);
    if (structured.ok) return structured.result;
    throw failure(`Claude Code's structured_output does not match the result schema: ${structured.problems}`);
  }
  // Without structured output, the final message itself may be the JSON the prompt asked for.
  const text = envelope.result === undefined ? null : parseJson(envelope.result);
  const fromText = text?.ok ? checkResult(text.value, kind) : null;
  if (fromText?.ok) return fromText.result;
  throw failure(
    `Claude Code's result has no structured_output and its final message is not the result JSON: ${excerpt(envelope.result ?? '(empty)')}`,
  );
}
