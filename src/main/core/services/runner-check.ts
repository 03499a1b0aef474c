import type { Runner, RunnerCheck, RunnerTestResult } from '@shared/contract';
import { RUNNER_CHECK_IDS } from '@shared/contract';
import { AppError, notFound } from '../errors';
import { HostKeyError, type HostKeyOutcome, type RemotePool } from '../remote';
import type { Repositories } from '../repositories';

const CHECK_TIMEOUT_MS = 60_000;

/** `runners.test`: one fresh connection, one script, a check list a person can act on. */
export function createRunnerCheckService({
  repos,
  pool,
}: {
  repos: Pick<Repositories, 'runners'>;
  pool: RemotePool;
}) {
  return {
    async test(runnerId: string): Promise<RunnerTestResult> {
      const runner = repos.runners.get(runnerId);
      if (!runner) throw notFound('Runner', runnerId);
      const host = pool.fresh(runner);
      try {
        let output: Buffer;
        try {
          output = await host.runOk('runner-check', [runner.workspaceRoot], { timeoutMs: CHECK_TIMEOUT_MS });
        } catch (error) {
          return connectionFailure(runner, error, host.hostKey());
        }
        // It connects now: the shared connection may retry a login it had given up on.
        pool.clearFailure(runner.id);
        const checks: RunnerCheck[] = [
          { id: 'connect', ok: true, message: `Connected to ${describe(runner)}.` },
          hostKeyCheck(host.hostKey()),
          ...parseCheckLines(output.toString('utf8')),
        ];
        return { ok: checks.every((c) => c.ok), checks, hostKey: report(host.hostKey()), errorCode: null };
      } finally {
        host.close();
      }
    },
  };
}

function describe(runner: Runner): string {
  const user = runner.user ? `${runner.user}@` : '';
  return `${user}${runner.host}${runner.port ? `:${runner.port}` : ''}`;
}

function connectionFailure(runner: Runner, error: unknown, outcome: HostKeyOutcome | null): RunnerTestResult {
  const appError = error instanceof AppError ? error : new AppError('REMOTE_FAILED', String(error));
  const keyOutcome = error instanceof HostKeyError ? error.outcome : outcome;
  const checks: RunnerCheck[] = [{ id: 'connect', ok: false, message: appError.message }];
  if (keyOutcome) checks.push(hostKeyCheck(keyOutcome));
  void runner;
  return { ok: false, checks, hostKey: report(keyOutcome), errorCode: appError.code };
}

function hostKeyCheck(outcome: HostKeyOutcome | null): RunnerCheck {
  switch (outcome?.kind) {
    case 'known':
      return {
        id: 'host-key',
        ok: true,
        message: `Host key ${outcome.fingerprint} matches the recorded one.`,
      };
    case 'recorded':
      return {
        id: 'host-key',
        ok: true,
        message: `First contact: recorded host key ${outcome.fingerprint}. Compare it with the machine's own (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub).`,
      };
    case 'mismatch':
      return {
        id: 'host-key',
        ok: false,
        message: `Host key changed: now ${outcome.fingerprint}, recorded ${outcome.expected.join(', ')}.`,
      };
    case 'unknown-refused':
      return {
        id: 'host-key',
        ok: false,
        message: `Unknown host key ${outcome.fingerprint} refused (strict policy).`,
      };
    default:
      return { id: 'host-key', ok: false, message: 'The host key was not checked.' };
  }
}

function report(outcome: HostKeyOutcome | null): RunnerTestResult['hostKey'] {
  if (!outcome) return null;
  return {
    outcome: outcome.kind,
    fingerprint: outcome.fingerprint,
    expected: outcome.kind === 'mismatch' ? outcome.expected : [],
  };
}

const KNOWN_IDS = new Set<string>(RUNNER_CHECK_IDS);

/** Lines of runner-check.sh: `id<TAB>ok|fail<TAB>detail`. */
export function parseCheckLines(text: string): RunnerCheck[] {
  const checks: RunnerCheck[] = [];
  for (const line of text.split('\n')) {
    const [id, status, ...rest] = line.split('\t');
    if (!id || !KNOWN_IDS.has(id) || (status !== 'ok' && status !== 'fail')) continue;
    checks.push({ id: id as RunnerCheck['id'], ok: status === 'ok', message: rest.join(' ').trim() });
  }
  return checks;
}
