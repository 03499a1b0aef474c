import { testedSettings } from './runner-test-scope';
import type { Runner, RunnerCheck, RunnerTestResult } from '@shared/contract';
import { RUNNER_CHECK_IDS } from '@shared/contract';
import { isoNow, type Clock } from '../clock';
import { AppError, notFound } from '../errors';
import { HostKeyError, type HostKeyOutcome, type RemotePool } from '../remote';
import type { Repositories } from '../repositories';

const CHECK_TIMEOUT_MS = 60_000;

type Outcome = Omit<RunnerTestResult, 'testedAt'>;

/**
 * `runners.test`: one fresh connection, one script, a check list a person can act on. Each
 * result is kept as the runner's latest test (the Runners page's health), until the next test.
 */
export function createRunnerCheckService({
  repos,
  pool,
  clock,
}: {
  repos: Pick<Repositories, 'runners'>;
  pool: RemotePool;
  clock: Clock;
}) {
  async function check(runner: Runner): Promise<Outcome> {
    const host = pool.fresh(runner);
    try {
      let output: Buffer;
      try {
        output = await host.runOk('runner-check', [runner.workspaceRoot], { timeoutMs: CHECK_TIMEOUT_MS });
      } catch (error) {
        return connectionFailure(error, host.hostKey());
      }
      // It connects now: the shared connection may retry a login it had given up on.
      pool.clearFailure(runner.id);
      const checks: RunnerCheck[] = [
        passed('connect', `Connected to ${describe(runner)}.`),
        hostKeyCheck(host.hostKey()),
        ...parseCheckLines(output.toString('utf8')).map((c) => judgeForRunner(c, runner)),
      ];
      return {
        ok: checks.every((c) => c.ok || c.warning),
        checks,
        hostKey: report(host.hostKey()),
        errorCode: null,
      };
    } finally {
      host.close();
    }
  }

  return {
    async test(runnerId: string): Promise<RunnerTestResult> {
      const runner = repos.runners.get(runnerId);
      if (!runner) throw notFound('Runner', runnerId);
      const result: RunnerTestResult = { ...(await check(runner)), testedAt: isoNow(clock) };
      // Kept only for the runner it tested: not once it was removed, nor once it was saved
      // with other connection settings while the test ran (that save cleared the old result).
      const now = repos.runners.get(runnerId);
      if (now && testedSettings(now) === testedSettings(runner)) repos.runners.saveTest(runnerId, result);
      return result;
    },

    lastTests: () => repos.runners.lastTests(),
  };
}

const passed = (id: RunnerCheck['id'], message: string): RunnerCheck => ({
  id,
  ok: true,
  warning: false,
  message,
});
const failed = (id: RunnerCheck['id'], message: string): RunnerCheck => ({
  id,
  ok: false,
  warning: false,
  message,
});

const AGENT_CHECKS: Partial<Record<RunnerCheck['id'], Runner['defaultAgent']>> = {
  codex: 'codex',
  claude: 'claude',
};
const AGENT_NAMES: Record<Runner['defaultAgent'], string> = { codex: 'Codex CLI', claude: 'Claude Code' };

/** What the runner's prelude is for, said where a tool was not found. */
export const PATH_PRELUDE_HINT =
  'If it is installed, its folder is not on the PATH of Sortie\'s non-interactive shell: add it in the runner\'s shell prelude, e.g. export PATH="$HOME/.local/bin:$PATH".';

/**
 * A check as this runner needs it: an agent CLI other than the runner's default agent is only a
 * warning (a Codex-only runner does not need `claude`); a tool "not found on PATH" says how the
 * shell prelude fixes that.
 */
export function judgeForRunner(check: RunnerCheck, runner: Pick<Runner, 'defaultAgent'>): RunnerCheck {
  if (check.ok) return check;
  const message = /^not found on PATH\b/.test(check.message)
    ? `${check.message}. ${PATH_PRELUDE_HINT}`
    : check.message;
  const agent = AGENT_CHECKS[check.id];
  if (agent !== undefined && agent !== runner.defaultAgent) {
    return {
      ...check,
      warning: true,
      message: `${message} Only runs that choose ${AGENT_NAMES[agent]} need it; this runner's default agent is ${AGENT_NAMES[runner.defaultAgent]}.`,
    };
  }
  return { ...check, message };
}

function describe(runner: Runner): string {
  const user = runner.user ? `${runner.user}@` : '';
  return `${user}${runner.host}${runner.port ? `:${runner.port}` : ''}`;
}

function connectionFailure(error: unknown, outcome: HostKeyOutcome | null): Outcome {
  const appError = error instanceof AppError ? error : new AppError('REMOTE_FAILED', String(error));
  const keyOutcome = error instanceof HostKeyError ? error.outcome : outcome;
  const checks: RunnerCheck[] = [failed('connect', appError.message)];
  if (keyOutcome) checks.push(hostKeyCheck(keyOutcome));
  return { ok: false, checks, hostKey: report(keyOutcome), errorCode: appError.code };
}

function hostKeyCheck(outcome: HostKeyOutcome | null): RunnerCheck {
  switch (outcome?.kind) {
    case 'known':
      return passed('host-key', `Host key ${outcome.fingerprint} matches the recorded one.`);
    case 'recorded':
      return passed(
        'host-key',
        `First contact: recorded host key ${outcome.fingerprint}. Compare it with the machine's own (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub).`,
      );
    case 'mismatch':
      return failed(
        'host-key',
        `Host key changed: now ${outcome.fingerprint}, recorded ${outcome.expected.join(', ')}.`,
      );
    case 'unknown-refused':
      return failed('host-key', `Unknown host key ${outcome.fingerprint} refused (strict policy).`);
    default:
      return failed('host-key', 'The host key was not checked.');
  }
}

function report(outcome: HostKeyOutcome | null): Outcome['hostKey'] {
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
    const message = rest.join(' ').trim();
    checks.push(
      status === 'ok' ? passed(id as RunnerCheck['id'], message) : failed(id as RunnerCheck['id'], message),
    );
  }
  return checks;
}
