import { describe, expect, it } from 'vitest';
import { ClientError } from '@renderer/api';
import { adviceFor, explainError } from '@renderer/components/error-advice';

describe('error advice', () => {
  it('adds what to do to the message', () => {
    const error = new ClientError({ code: 'RUNNER_NOT_CONFIGURED', message: 'No default runner' });
    expect(explainError(error)).toBe(
      'No default runner. Add a runner (or make one the default) on the Runners page.',
    );
    const remote = new ClientError({ code: 'REMOTE_FAILED', message: 'Connection refused.' });
    expect(explainError(remote)).toBe(
      'Connection refused. Test the runner on the Runners page to see what is wrong.',
    );
  });

  it('leaves messages that already say what to do alone', () => {
    const conflict = new ClientError({
      code: 'CONFLICT',
      message: 'This task already has an active run. Cancel it or wait for it to finish.',
    });
    expect(adviceFor(conflict)).toBeNull();
    expect(explainError(conflict)).toBe(conflict.message);
  });

  it('treats anything else as unexpected', () => {
    expect(explainError(new Error('boom'))).toBe('boom. Try again; if it keeps failing, reload the window.');
  });
});
