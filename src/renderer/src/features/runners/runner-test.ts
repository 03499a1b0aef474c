import {
  RUNNER_CHECK_IDS,
  type Runner,
  type RunnerCheck,
  type RunnerTestResult,
  type RunnerUpsertInput,
} from '@shared/contract';

export type RunnerCheckId = RunnerCheck['id'];

/** What each check is called on screen. */
export const CHECK_LABELS: Record<RunnerCheckId, string> = {
  connect: 'SSH connection',
  'host-key': 'Host key',
  prelude: 'Shell prelude',
  git: 'Git',
  gh: 'GitHub CLI',
  'gh-auth': 'GitHub CLI login',
  codex: 'Codex CLI',
  claude: 'Claude Code',
  workspace: 'Workspace',
};

export interface CheckLine {
  readonly id: RunnerCheckId;
  readonly label: string;
  readonly ok: boolean;
  /** Failed, but this runner can do without it (an agent CLI other than its default). */
  readonly warning: boolean;
  readonly message: string;
}

/** One line per reported check, in the fixed order of RUNNER_CHECK_IDS. */
export function checkLines(result: RunnerTestResult): CheckLine[] {
  const rank = (id: RunnerCheckId) => RUNNER_CHECK_IDS.indexOf(id);
  return [...result.checks]
    .sort((a, b) => rank(a.id) - rank(b.id))
    .map((check) => ({
      id: check.id,
      label: CHECK_LABELS[check.id],
      ok: check.ok,
      warning: !check.ok && check.warning,
      message: check.message,
    }));
}

/** How many of the known checks the result does not report (they never ran). */
export function checksNotRun(result: RunnerTestResult): number {
  const reported = new Set(result.checks.map((c) => c.id));
  return RUNNER_CHECK_IDS.filter((id) => !reported.has(id)).length;
}

export interface TestSummary {
  /** 'warn': nothing the runner needs failed, but something it may need is missing. */
  readonly tone: 'ok' | 'warn' | 'fail';
  readonly text: string;
}

export function summarizeResult(result: RunnerTestResult): TestSummary {
  const connect = result.checks.find((c) => c.id === 'connect');
  if (!connect || !connect.ok) return { tone: 'fail', text: 'Could not connect' };
  const failed = result.checks.filter((c) => !c.ok && !c.warning).length;
  const warnings = result.checks.filter((c) => !c.ok && c.warning).length;
  const total = result.checks.length;
  if (failed > 0) return { tone: 'fail', text: `${failed} of ${total} checks failed` };
  if (warnings > 0) {
    return { tone: 'warn', text: `Passed with ${warnings} warning${warnings === 1 ? '' : 's'}` };
  }
  return { tone: 'ok', text: `All ${total} checks passed` };
}

/** The badge class of a summary's tone. */
export const SUMMARY_BADGE: Record<TestSummary['tone'], string> = {
  ok: 'badge status-succeeded',
  warn: 'badge badge-warning',
  fail: 'badge status-failed',
};

/** The explanations a result may call for beyond its check lines, most urgent first. */
export type TestNotice =
  | { readonly kind: 'host-key-mismatch'; readonly presented: string; readonly recorded: readonly string[] }
  /** The mismatching key was forgotten since: the next test records the presented one. */
  | { readonly kind: 'host-key-forgotten'; readonly presented: string }
  | { readonly kind: 'host-key-unknown'; readonly fingerprint: string }
  | { readonly kind: 'host-key-recorded'; readonly fingerprint: string }
  | { readonly kind: 'passphrase-key-file'; readonly keyPath: string }
  | { readonly kind: 'passphrase-imported-key' };

export function testNotices(
  result: RunnerTestResult,
  runner: Runner,
  options: { hostKeyForgotten?: boolean } = {},
): TestNotice[] {
  const notices: TestNotice[] = [];
  const hostKey = result.hostKey;
  switch (hostKey?.outcome) {
    case 'mismatch':
      notices.push(
        options.hostKeyForgotten
          ? { kind: 'host-key-forgotten', presented: hostKey.fingerprint }
          : { kind: 'host-key-mismatch', presented: hostKey.fingerprint, recorded: hostKey.expected },
      );
      break;
    case 'unknown-refused':
      notices.push({ kind: 'host-key-unknown', fingerprint: hostKey.fingerprint });
      break;
    case 'recorded':
      notices.push({ kind: 'host-key-recorded', fingerprint: hostKey.fingerprint });
      break;
    case 'known':
    case undefined:
      break;
  }
  if (result.errorCode === 'PASSPHRASE_REQUIRED') {
    if (runner.auth.kind === 'keyFile') {
      notices.push({ kind: 'passphrase-key-file', keyPath: runner.auth.keyPath });
    } else if (runner.auth.kind === 'importedKey') {
      notices.push({ kind: 'passphrase-imported-key' });
    }
  }
  return notices;
}

/** A result that should open the passphrase prompt right away (only a key file can take one here). */
export function asksForPassphrase(result: RunnerTestResult | null, runner: Runner): boolean {
  return result?.errorCode === 'PASSPHRASE_REQUIRED' && runner.auth.kind === 'keyFile';
}

/** runners.upsert input that keeps every field of `runner` and sets `auth`. */
export function runnerUpsertWith(runner: Runner, auth: RunnerUpsertInput['auth']): RunnerUpsertInput {
  return {
    id: runner.id,
    name: runner.name,
    host: runner.host,
    port: runner.port,
    user: runner.user,
    auth,
    hostKeyPolicy: runner.hostKeyPolicy,
    workspaceRoot: runner.workspaceRoot,
    registryPath: runner.registryPath,
    shellPrelude: runner.shellPrelude,
    defaultAgent: runner.defaultAgent,
    maxConcurrent: runner.maxConcurrent,
    isDefault: runner.isDefault,
  };
}

/** Stores `passphrase` for a key-file runner, changing nothing else; null for other kinds of auth. */
export function passphraseUpsert(runner: Runner, passphrase: string): RunnerUpsertInput | null {
  if (runner.auth.kind !== 'keyFile') return null;
  return runnerUpsertWith(runner, { kind: 'keyFile', keyPath: runner.auth.keyPath, passphrase });
}
