import { useCallback, useEffect, useState } from 'react';
import type { Runner } from '@shared/contract';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { EmptyState } from '@renderer/components/EmptyState';
import { PageHeader } from '@renderer/components/PageHeader';
import { errorMessage } from '@renderer/lib/errors';
import { plural } from '@renderer/lib/format';
import { isTesting } from '@renderer/stores/runner-test-state';
import { useRunnerHealthSync } from '@renderer/stores/runner-health';
import { forgetHostKey, loadLastTests, testRunner, useRunnerTest } from '@renderer/stores/runner-tests';
import { removeRunner, useRunnersStore, useSortedRunners } from '@renderer/stores/runners';
import { isSettled } from '@renderer/stores/collection';
import { showToast } from '@renderer/stores/ui';
import { ImportKeyDialog } from './ImportKeyDialog';
import { PassphraseDialog } from './PassphraseDialog';
import { RunnerHealthCell } from './RunnerHealthCell';
import { RunnerDialog } from './RunnerDialog';
import { RunnerTestPanel, Spinner, type RunnerTestActions } from './RunnerTestPanel';
import { AGENT_LABELS, HOST_KEY_SHORT_LABELS, describeAddress, describeAuth } from './runner-form';
import { asksForPassphrase } from './runner-test';

type RunnersDialog =
  | { kind: 'edit'; runner: Runner | null }
  | { kind: 'remove'; runner: Runner }
  | { kind: 'import-key'; runnerId: string; needsPassphrase: boolean }
  | { kind: 'passphrase'; runnerId: string }
  | { kind: 'forget-host-key'; runnerId: string; presented: string | null }
  | null;

const COLUMNS = 7;

function RunnerRows({
  runner,
  onTest,
  onDialog,
}: {
  runner: Runner;
  onTest(runner: Runner): void;
  onDialog(dialog: RunnersDialog): void;
}) {
  const entry = useRunnerTest(runner.id);
  const testing = isTesting(entry);
  const actions: RunnerTestActions = {
    onTest: () => onTest(runner),
    onForgetHostKey: () =>
      onDialog({
        kind: 'forget-host-key',
        runnerId: runner.id,
        presented: entry?.result?.hostKey?.fingerprint ?? null,
      }),
    onEnterPassphrase: () => onDialog({ kind: 'passphrase', runnerId: runner.id }),
    onImportKey: () => onDialog({ kind: 'import-key', runnerId: runner.id, needsPassphrase: true }),
    onEdit: () => onDialog({ kind: 'edit', runner }),
  };

  return (
    <tbody className="runner-group">
      <tr>
        <td className="nowrap">
          <span className="strong">{runner.name}</span>
          {runner.isDefault ? <span className="badge badge-accent">Default</span> : null}
          <div className="mono muted runner-detail" title="Workspace root">
            {runner.workspaceRoot}
          </div>
        </td>
        <td className="nowrap">
          <span className="mono">{describeAddress(runner)}</span>
          <div className="muted runner-detail">Host key: {HOST_KEY_SHORT_LABELS[runner.hostKeyPolicy]}</div>
        </td>
        <td className="runner-auth">{describeAuth(runner)}</td>
        <td className="nowrap">{AGENT_LABELS[runner.defaultAgent]}</td>
        <td className="num">{runner.maxConcurrent}</td>
        <RunnerHealthCell runner={runner} />
        <td className="sticky-actions">
          <div className="row-actions">
            <button
              type="button"
              className="button button-small"
              aria-label={`Test ${runner.name}`}
              disabled={testing}
              onClick={() => onTest(runner)}
            >
              {testing ? (
                <>
                  <Spinner />
                  Testing…
                </>
              ) : (
                'Test'
              )}
            </button>
            <button
              type="button"
              className="button button-small"
              aria-label={`Import key for ${runner.name}`}
              onClick={() => onDialog({ kind: 'import-key', runnerId: runner.id, needsPassphrase: false })}
            >
              Import key
            </button>
            <button
              type="button"
              className="button button-small"
              aria-label={`Edit ${runner.name}`}
              onClick={() => onDialog({ kind: 'edit', runner })}
            >
              Edit
            </button>
            <button
              type="button"
              className="button button-small button-danger-quiet"
              aria-label={`Remove ${runner.name}`}
              onClick={() => onDialog({ kind: 'remove', runner })}
            >
              Remove
            </button>
          </div>
        </td>
      </tr>
      {entry ? (
        <tr className="runner-test-row">
          <td colSpan={COLUMNS}>
            <RunnerTestPanel runner={runner} entry={entry} actions={actions} />
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}

export function RunnersPage() {
  const runners = useSortedRunners();
  const byId = useRunnersStore((c) => c.byId);
  const status = useRunnersStore((c) => c.status);
  const [dialog, setDialog] = useState<RunnersDialog>(null);
  useRunnerHealthSync();
  // A saved change to how a runner connects drops its kept test in the core: read them again.
  const versions = runners.map((r) => `${r.id}@${r.updatedAt}`).join(' ');
  useEffect(() => {
    loadLastTests().catch((error: unknown) =>
      showToast('error', `Could not load the runners' last tests: ${errorMessage(error)}`),
    );
  }, [versions]);
  const close = () => setDialog(null);
  const add = () => setDialog({ kind: 'edit', runner: null });

  const runTest = useCallback((runner: Runner) => {
    void testRunner(runner.id).then((result) => {
      // A key file that needs its passphrase: ask for it, unless another dialog is open.
      const current = useRunnersStore.getState().byId[runner.id];
      if (current && asksForPassphrase(result, current)) {
        setDialog((open) => open ?? { kind: 'passphrase', runnerId: runner.id });
      }
    });
  }, []);

  // Dialogs that name a runner by id close when it goes away.
  const dialogRunner = dialog && 'runnerId' in dialog ? byId[dialog.runnerId] : undefined;

  return (
    <div className="page">
      <PageHeader
        title="Runners"
        actions={
          <button type="button" className="button button-primary" onClick={add}>
            Add runner
          </button>
        }
      />
      {runners.length > 0 ? (
        // The table scrolls within its frame on a narrow window; its actions column stays in view.
        <div className="runners-frame">
          <table className="table runners-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Address</th>
                <th scope="col">Authentication</th>
                <th scope="col">Agent</th>
                <th scope="col" className="num nowrap">
                  Max runs
                </th>
                <th scope="col">Health</th>
                <th scope="col" className="sticky-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            {runners.map((runner) => (
              <RunnerRows key={runner.id} runner={runner} onTest={runTest} onDialog={setDialog} />
            ))}
          </table>
        </div>
      ) : isSettled(status) ? (
        <EmptyState
          title="No runners yet"
          action={
            <button type="button" className="button button-primary" onClick={add}>
              Add a runner
            </button>
          }
        >
          A runner is a machine you reach over SSH where agents check out your code and work on tasks. Sortie
          uses your ssh-agent or a key file, and honours ~/.ssh/config.
        </EmptyState>
      ) : (
        <p className="muted loading">Loading runners…</p>
      )}
      {dialog?.kind === 'edit' ? <RunnerDialog runner={dialog.runner} onClose={close} /> : null}
      {dialog?.kind === 'remove' ? (
        <ConfirmDialog
          title={`Remove runner ${dialog.runner.name}?`}
          confirmLabel="Remove runner"
          onClose={close}
          onConfirm={async () => {
            await removeRunner(dialog.runner.id);
            showToast('info', `Removed runner ${dialog.runner.name}.`);
          }}
        >
          <p>
            Sortie forgets how to reach {describeAddress(dialog.runner)}. Nothing on the machine is deleted.
          </p>
        </ConfirmDialog>
      ) : null}
      {dialog?.kind === 'passphrase' && dialogRunner ? (
        <PassphraseDialog
          runner={dialogRunner}
          onClose={close}
          onSaved={() => {
            close();
            runTest(dialogRunner);
          }}
        />
      ) : null}
      {dialog?.kind === 'import-key' && dialogRunner ? (
        <ImportKeyDialog
          runner={dialogRunner}
          needsPassphrase={dialog.needsPassphrase}
          onClose={close}
          onImported={dialog.needsPassphrase ? runTest : undefined}
        />
      ) : null}
      {dialog?.kind === 'forget-host-key' && dialogRunner ? (
        <ConfirmDialog
          title={`Forget the recorded host key of ${dialogRunner.name}?`}
          confirmLabel="Forget the key"
          onClose={close}
          onConfirm={async () => {
            const removed = await forgetHostKey(dialogRunner.id);
            showToast(
              'info',
              removed > 0
                ? `Forgot ${plural(removed, 'recorded host key')} of ${dialogRunner.name}. Test again to record the new one.`
                : `No host key was recorded for ${dialogRunner.name}.`,
            );
          }}
        >
          <p>
            Do this only once the machine’s administrator has confirmed that{' '}
            {dialog.presented ? <code>{dialog.presented}</code> : 'the new fingerprint'} is its key. The next
            test records whatever key {describeAddress(dialogRunner)} presents then.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
