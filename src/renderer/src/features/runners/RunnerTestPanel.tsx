import { useEffect, useId, useState, type ReactNode } from 'react';
import type { Runner } from '@shared/contract';
import { formatClock, formatTime } from '@renderer/lib/format';
import type { RunnerTestEntry } from '@renderer/stores/runner-test-state';
import { describeAddress } from './runner-form';
import {
  SUMMARY_BADGE,
  checkLines,
  checksNotRun,
  summarizeResult,
  testNotices,
  type CheckLine,
  type TestNotice,
} from './runner-test';

export interface RunnerTestActions {
  onTest(): void;
  onForgetHostKey(): void;
  onEnterPassphrase(): void;
  onImportKey(): void;
  onEdit(): void;
}

/** Where to read a machine's own host key fingerprint. */
const FINGERPRINT_COMMAND = 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub';

export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return <span className="elapsed">{Math.max(0, Math.floor((now - since) / 1_000))} s</span>;
}

function Fingerprint({ value }: { value: string }) {
  return <code className="fingerprint">{value}</code>;
}

function Notice({
  tone,
  title,
  children,
  action,
  alert = false,
}: {
  tone: 'info' | 'warn' | 'danger';
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  alert?: boolean;
}) {
  const titleId = useId();
  return (
    <div className={`notice notice-${tone}`} role={alert ? 'alert' : 'note'} aria-labelledby={titleId}>
      <p id={titleId} className="notice-title">
        {title}
      </p>
      {children}
      {action ? <div className="notice-actions">{action}</div> : null}
    </div>
  );
}

function NoticeButton({
  label,
  onClick,
  primary = false,
}: {
  label: string;
  onClick(): void;
  primary?: boolean;
}) {
  return (
    <button
      type="button"
      className={`button button-small${primary ? ' button-primary' : ''}`}
      onClick={onClick}
    >
      {label}
    </button>
  );
}

function NoticeView({
  notice,
  runner,
  actions,
}: {
  notice: TestNotice;
  runner: Runner;
  actions: RunnerTestActions;
}) {
  switch (notice.kind) {
    case 'host-key-mismatch':
      return (
        <Notice
          tone="danger"
          alert
          title="Host key changed: Sortie refused to connect"
          action={<NoticeButton label="Forget the recorded key" onClick={actions.onForgetHostKey} />}
        >
          <p>
            {describeAddress(runner)} presented a different host key from the one recorded at first contact.
            Sortie stopped before logging in.
          </p>
          <dl className="fingerprints">
            <dt>Presented now</dt>
            <dd>
              <Fingerprint value={notice.presented} />
            </dd>
            <dt>Recorded</dt>
            <dd>
              {notice.recorded.length > 0
                ? notice.recorded.map((fp) => <Fingerprint key={fp} value={fp} />)
                : '—'}
            </dd>
          </dl>
          <p>
            This happens when the machine was reinstalled or its SSH host keys were regenerated, but it is
            also exactly what an attacker intercepting the connection would cause.
          </p>
          <p>
            <strong>What to do:</strong> ask the machine’s administrator to confirm the new fingerprint (on
            the machine, <code>{FINGERPRINT_COMMAND}</code> prints it). Only if it matches, forget the
            recorded key and test again to record the new one. If it does not, do not use this runner.
          </p>
        </Notice>
      );
    case 'host-key-forgotten':
      return (
        <Notice
          tone="info"
          title="Recorded host key forgotten"
          action={<NoticeButton primary label="Test again" onClick={actions.onTest} />}
        >
          <p>
            The next test records the key the machine presents then; it should be{' '}
            <Fingerprint value={notice.presented} />.
          </p>
        </Notice>
      );
    case 'host-key-unknown':
      return (
        <Notice
          tone="warn"
          title="Unknown host key: refused by the strict policy"
          action={<NoticeButton label="Edit runner" onClick={actions.onEdit} />}
        >
          <p>
            The machine presented <Fingerprint value={notice.fingerprint} />, and this runner only accepts
            host keys that are already known.
          </p>
          <p>
            To accept it, confirm the fingerprint with the machine’s administrator (on the machine,{' '}
            <code>{FINGERPRINT_COMMAND}</code>), then edit the runner, set the host key policy to “Accept on
            first contact, then pin” and test once to record it. You can switch back to strict afterwards.
          </p>
        </Notice>
      );
    case 'host-key-recorded':
      return (
        <Notice
          tone="info"
          title={
            <>
              First contact: recorded host key <Fingerprint value={notice.fingerprint} />
            </>
          }
        >
          <p>
            Compare it with the machine’s own fingerprint (on the machine, <code>{FINGERPRINT_COMMAND}</code>,
            or ask its administrator). If they differ, someone may be intercepting the connection: do not use
            this runner.
          </p>
        </Notice>
      );
    case 'passphrase-key-file':
      return (
        <Notice
          tone="warn"
          title="The key needs its passphrase"
          action={<NoticeButton primary label="Enter passphrase" onClick={actions.onEnterPassphrase} />}
        >
          <p>
            <code>{notice.keyPath}</code> is protected by a passphrase
            {runner.auth.kind === 'keyFile' && runner.auth.hasPassphrase
              ? ', and the stored one does not open it.'
              : ' that Sortie does not have yet.'}
          </p>
        </Notice>
      );
    case 'passphrase-imported-key':
      return (
        <Notice
          tone="warn"
          title="The imported key needs its passphrase"
          action={<NoticeButton primary label="Import key again" onClick={actions.onImportKey} />}
        >
          <p>
            Sortie takes the passphrase of an imported key together with the key: import the key again and
            enter its passphrase.
          </p>
        </Notice>
      );
  }
}

type LineState = 'ok' | 'warning' | 'fail';
const lineState = (line: CheckLine): LineState => (line.ok ? 'ok' : line.warning ? 'warning' : 'fail');
const CHECK_CLASS: Record<LineState, string> = {
  ok: 'check-ok',
  warning: 'check-warning',
  fail: 'check-fail',
};
const CHECK_MARK: Record<LineState, string> = { ok: '✓', warning: '!', fail: '✕' };
const CHECK_SPOKEN: Record<LineState, string> = { ok: 'Passed: ', warning: 'Warning: ', fail: 'Failed: ' };

/** The progress or the last result of a runner's test, with what to do about it. */
export function RunnerTestPanel({
  runner,
  entry,
  actions,
}: {
  runner: Runner;
  entry: RunnerTestEntry;
  actions: RunnerTestActions;
}) {
  const { result } = entry;
  const testing = entry.status === 'testing';
  const summary = result ? summarizeResult(result) : null;
  const notices = result ? testNotices(result, runner, { hostKeyForgotten: entry.hostKeyForgotten }) : [];
  const notRun = result ? checksNotRun(result) : 0;

  return (
    <section className="runner-test" aria-label={`Test of ${runner.name}`} aria-busy={testing}>
      <div className="runner-test-head">
        <p role="status" className="runner-test-status">
          {testing ? (
            <>
              <Spinner />
              <span className="strong">Connecting…</span>
            </>
          ) : summary ? (
            <span className={SUMMARY_BADGE[summary.tone]}>{summary.text}</span>
          ) : (
            <span className="badge status-failed">Test could not run</span>
          )}
        </p>
        {testing ? (
          <>
            <Elapsed since={entry.startedAt} />
            <p className="muted">
              Checking the connection and the tools the runner needs; this can take up to a minute.
            </p>
          </>
        ) : result ? (
          <p className="muted">Tested {formatTime(result.testedAt)}</p>
        ) : entry.finishedAt !== null ? (
          <p className="muted">Tried at {formatClock(entry.finishedAt)}</p>
        ) : null}
      </div>
      {entry.error ? <p className="notice notice-danger">The test could not run: {entry.error}</p> : null}
      {notices.map((notice) => (
        <NoticeView key={notice.kind} notice={notice} runner={runner} actions={actions} />
      ))}
      {result ? (
        <ul className="checklist" aria-label={`Checks of ${runner.name}`}>
          {checkLines(result).map((line) => (
            <li key={line.id} className={`check ${CHECK_CLASS[lineState(line)]}`}>
              <span className="check-mark" aria-hidden="true">
                {CHECK_MARK[lineState(line)]}
              </span>
              <span className="check-label">
                <span className="visually-hidden">{CHECK_SPOKEN[lineState(line)]}</span>
                {line.label}
              </span>
              <span className="check-message">{line.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {result && notRun > 0 ? (
        <p className="muted runner-test-foot">The other checks run once the connection works.</p>
      ) : null}
    </section>
  );
}
