import { useState } from 'react';
import type { Runner } from '@shared/contract';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { EmptyState } from '@renderer/components/EmptyState';
import { PageHeader } from '@renderer/components/PageHeader';
import { removeRunner, useRunnersStore, useSortedRunners } from '@renderer/stores/runners';
import { showToast } from '@renderer/stores/ui';
import { RunnerDialog } from './RunnerDialog';
import { AGENT_LABELS, describeAddress, describeAuth } from './runner-form';

type RunnersDialog = { kind: 'edit'; runner: Runner | null } | { kind: 'remove'; runner: Runner } | null;

export function RunnersPage() {
  const runners = useSortedRunners();
  const status = useRunnersStore((c) => c.status);
  const [dialog, setDialog] = useState<RunnersDialog>(null);
  const close = () => setDialog(null);
  const add = () => setDialog({ kind: 'edit', runner: null });

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
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">Authentication</th>
              <th scope="col">Workspace</th>
              <th scope="col">Agent</th>
              <th scope="col" className="num">
                Max runs
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {runners.map((runner) => (
              <tr key={runner.id}>
                <td>
                  <span className="strong">{runner.name}</span>
                  {runner.isDefault ? <span className="badge badge-accent">Default</span> : null}
                </td>
                <td className="mono">{describeAddress(runner)}</td>
                <td>{describeAuth(runner)}</td>
                <td className="mono">{runner.workspaceRoot}</td>
                <td>{AGENT_LABELS[runner.defaultAgent]}</td>
                <td className="num">{runner.maxConcurrent}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Edit ${runner.name}`}
                    onClick={() => setDialog({ kind: 'edit', runner })}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button button-small button-danger-quiet"
                    aria-label={`Remove ${runner.name}`}
                    onClick={() => setDialog({ kind: 'remove', runner })}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : status === 'ready' || status === 'error' ? (
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
    </div>
  );
}
