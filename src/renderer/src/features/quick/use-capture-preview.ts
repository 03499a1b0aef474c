import { useEffect, useState } from 'react';
import type { CapturePreview } from '@shared/contract';
import { invoke } from '@renderer/api';
import { explainError } from '@renderer/components/error-advice';

/** Typing pauses this long before the note is read again. */
const PREVIEW_DELAY_MS = 120;

export interface CapturePreviewState {
  /** What the core reads the note as; null for an empty note, or until the first answer. */
  readonly preview: CapturePreview | null;
  /** The answer is for the note as it is now (not an older one). */
  readonly current: boolean;
  /** Why the preview could not be asked for (the host is unreachable); '' otherwise. */
  readonly failure: string;
}

/**
 * The live preview of a quick-capture note, read by the core's own parser (`tasks.previewCapture`)
 * so it always agrees with what Enter will do. Answers to older notes are dropped.
 */
export function useCapturePreview(note: string, queue: boolean): CapturePreviewState {
  const [answer, setAnswer] = useState<{ note: string; queue: boolean; preview: CapturePreview } | null>(
    null,
  );
  const [failure, setFailure] = useState('');
  const empty = note.trim() === '';

  useEffect(() => {
    if (empty) return;
    let live = true;
    const timer = window.setTimeout(() => {
      invoke('tasks.previewCapture', { note, queue })
        .then((preview) => {
          if (!live) return;
          setAnswer({ note, queue, preview });
          setFailure('');
        })
        .catch((error: unknown) => {
          if (live) setFailure(explainError(error));
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [note, queue, empty]);

  if (empty) return { preview: null, current: true, failure: '' };
  return {
    preview: answer?.preview ?? null,
    current: answer?.note === note && answer.queue === queue,
    failure,
  };
}
