import { useState } from 'react';
import type { Dispatch, Runner, Task } from '@shared/contract';
import type { AgentKind } from '@shared/domain/dispatch';
import { FEEDBACK_PLACEHOLDERS, MAX_ITERATIONS, MIN_ITERATIONS } from '@shared/domain/iterate';
import { Field } from '@renderer/components/Field';
import { FormDialog } from '@renderer/components/FormDialog';
import { agentName } from '@renderer/features/run/run-text';
import { useFormSubmit } from '@renderer/lib/use-form-submit';
import { queueRun } from '@renderer/stores/run-actions';
import { showToast } from '@renderer/stores/ui';
import { ITERATE_FIELDS, emptyIterateForm, formToIterateInput, type IterateForm } from './iterate-form';

export interface RunUntilPassesDialogProps {
  task: Pick<Task, 'id' | 'title'>;
  /** The project's default eval command, which the field starts with ('' for none). */
  defaultEvalCommand: string;
  runner: Pick<Runner, 'id' | 'name'>;
  agent: AgentKind;
  onClose(): void;
  onQueued?(run: Dispatch): void;
}

const TEMPLATE_PLACEHOLDER = [
  'Iteration {iteration} of {max_iterations}: the tests still fail.',
  '',
  '{eval_output}',
  '',
  'Fix what fails without weakening the tests.',
].join('\n');

/**
 * "Run until the eval passes": the eval command (the project's default to start with), how many
 * runs at most, and optionally the follow-up request a failed eval sends. Enter starts it; what
 * the core refuses shows under its field.
 */
export function RunUntilPassesDialog(props: RunUntilPassesDialogProps) {
  const { task, defaultEvalCommand, runner, agent, onClose, onQueued } = props;
  const [form, setForm] = useState<IterateForm>(() => emptyIterateForm(defaultEvalCommand));
  const [templateOpen, setTemplateOpen] = useState(false);
  const { pending, errors, onSubmit, clearError } = useFormSubmit(ITERATE_FIELDS, async () => {
    const iterate = formToIterateInput(form);
    const run = await queueRun({ taskId: task.id, runnerId: runner.id, agent, iterate });
    showToast(
      'info',
      `Running “${task.title}” on ${runner.name} until the eval passes, at most ${iterate.maxIterations} times.`,
    );
    onQueued?.(run);
    onClose();
  });

  function set(key: keyof IterateForm, value: string): void {
    setForm((current) => ({ ...current, [key]: value }));
    clearError(`iterate.${key}`);
  }

  const templateError = errors['iterate.feedbackTemplate'];
  return (
    <FormDialog
      title="Run until the eval passes"
      submitLabel="Start"
      pendingLabel="Queuing…"
      pending={pending}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      <p className="muted iterate-intro">
        Runs “{task.title}” on {runner.name} with {agentName(agent)}, then the eval in the run’s worktree.
        While it fails, a follow-up on the same branch gets its output.
      </p>
      <Field
        label="Eval command"
        error={errors['iterate.evalCommand']}
        hint="A shell command run on the runner in the run’s worktree; exit code 0 passes."
      >
        {(c) => (
          <input
            {...c}
            className="mono"
            value={form.evalCommand}
            onChange={(e) => set('evalCommand', e.target.value)}
            placeholder="npm test"
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <Field
        label="Maximum iterations"
        error={errors['iterate.maxIterations']}
        hint={`Runs at most, the first one included (${MIN_ITERATIONS}–${MAX_ITERATIONS}).`}
        className="field-narrow"
      >
        {(c) => (
          <input
            {...c}
            type="number"
            min={MIN_ITERATIONS}
            max={MAX_ITERATIONS}
            step={1}
            value={form.maxIterations}
            onChange={(e) => set('maxIterations', e.target.value)}
          />
        )}
      </Field>
      <details
        className="iterate-template"
        open={templateOpen || Boolean(templateError)}
        onToggle={(e) => setTemplateOpen(e.currentTarget.open)}
      >
        <summary>Feedback template{form.feedbackTemplate.trim() ? ' (set)' : ' (optional)'}</summary>
        <Field
          label="Feedback template"
          error={templateError}
          hint={
            <>
              The follow-up request after a failed eval, before the task itself. Placeholders:{' '}
              {FEEDBACK_PLACEHOLDERS.map((p, i) => (
                <span key={p}>
                  {i > 0 ? ', ' : ''}
                  <code>{p}</code>
                </span>
              ))}
              . Empty: Sortie’s own request with the output. Ctrl+Enter starts.
            </>
          }
        >
          {(c) => (
            <textarea
              {...c}
              className="mono"
              rows={5}
              value={form.feedbackTemplate}
              placeholder={TEMPLATE_PLACEHOLDER}
              onChange={(e) => set('feedbackTemplate', e.target.value)}
            />
          )}
        </Field>
      </details>
    </FormDialog>
  );
}
