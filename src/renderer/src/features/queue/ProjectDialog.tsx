import { useState } from 'react';
import type { Project } from '@shared/contract';
import { MAX_CHECK_FIXES } from '@shared/domain/automation';
import { DEFAULT_MAX_RUN_MINUTES } from '@shared/domain/dispatch';
import { CheckboxField, Field } from '@renderer/components/Field';
import { FormDialog } from '@renderer/components/FormDialog';
import { useFormSubmit } from '@renderer/lib/use-form-submit';
import { saveProject } from '@renderer/stores/projects';
import { showToast } from '@renderer/stores/ui';
import { PROJECT_FIELDS, checkProjectForm, projectToForm, type ProjectForm } from './project-form';

export interface ProjectDialogProps {
  /** null creates a new project. */
  project: Project | null;
  onClose(): void;
  onSaved?(project: Project): void;
}

export function ProjectDialog({ project, onClose, onSaved }: ProjectDialogProps) {
  const [form, setForm] = useState<ProjectForm>(() => projectToForm(project));
  const { pending, errors, onSubmit, clearError } = useFormSubmit(PROJECT_FIELDS, async () => {
    const saved = await saveProject(checkProjectForm(form, project?.id));
    showToast('info', project ? `Saved ${saved.name}.` : `Added project ${saved.name}.`);
    onSaved?.(saved);
    onClose();
  });

  function set<K extends keyof ProjectForm>(key: K, value: ProjectForm[K]): void {
    setForm((current) => ({ ...current, [key]: value }));
    clearError(key);
  }

  return (
    <FormDialog
      title={project ? `Edit project ${project.name}` : 'New project'}
      submitLabel={project ? 'Save project' : 'Create project'}
      pending={pending}
      onSubmit={onSubmit}
      onClose={onClose}
      size="wide"
    >
      <Field label="Name" error={errors.name} hint="One word; capture notes start with it.">
        {(c) => (
          <input {...c} value={form.name} onChange={(e) => set('name', e.target.value)} autoComplete="off" />
        )}
      </Field>
      <Field label="Aliases" error={errors.aliases} hint="Other words for it, comma separated.">
        {(c) => (
          <input
            {...c}
            value={form.aliases}
            onChange={(e) => set('aliases', e.target.value)}
            autoComplete="off"
          />
        )}
      </Field>
      <div className="field-row">
        <Field
          label="Repository URL"
          error={errors.repoUrl}
          hint="Its page on GitHub: https://github.com/OWNER/NAME."
        >
          {(c) => (
            <input
              {...c}
              type="url"
              value={form.repoUrl}
              onChange={(e) => set('repoUrl', e.target.value)}
              placeholder="https://github.com/owner/repo"
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        <Field
          label="Git URL"
          error={errors.gitUrl}
          hint="What runners clone: an https:// or ssh URL, git@host:path, or a path on the runner."
        >
          {(c) => (
            <input
              {...c}
              value={form.gitUrl}
              onChange={(e) => set('gitUrl', e.target.value)}
              placeholder="git@github.com:owner/repo.git"
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
      </div>
      <Field label="Base branch" error={errors.baseBranch}>
        {(c) => (
          <input
            {...c}
            value={form.baseBranch}
            onChange={(e) => set('baseBranch', e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <Field
        label="Maximum run time (minutes)"
        error={errors.maxRunMinutes}
        hint={`A run still going after this long is stopped and failed as timed out. Empty: ${DEFAULT_MAX_RUN_MINUTES / 60} hours.`}
      >
        {(c) => (
          <input
            {...c}
            inputMode="numeric"
            placeholder={String(DEFAULT_MAX_RUN_MINUTES)}
            value={form.maxRunMinutes}
            onChange={(e) => set('maxRunMinutes', e.target.value)}
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        label="Default eval command"
        error={errors.defaultEvalCommand}
        hint="Checks a run’s work in its worktree on the runner, e.g. npm test; exit code 0 passes. The Run menu offers “Run until it passes” with it."
      >
        {(c) => (
          <input
            {...c}
            className="mono"
            value={form.defaultEvalCommand}
            onChange={(e) => set('defaultEvalCommand', e.target.value)}
            placeholder="npm test"
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <fieldset className="field field-group">
        <legend className="field-label">Pull requests</legend>
        <CheckboxField
          label="Follow up failing checks"
          checked={form.followUpFailingChecks}
          error={errors.followUpFailingChecks}
          onChange={(checked) => set('followUpFailingChecks', checked)}
          hint="When the required checks of a task’s pull request fail, Sortie queues a follow-up with the failing checks and the end of their log, once per commit."
        />
        {form.followUpFailingChecks ? (
          <Field
            label="At most this many follow-ups"
            error={errors.maxCheckFixes}
            hint={`For failing checks, per pull request (1 to ${MAX_CHECK_FIXES}); then Sortie stops and tells you.`}
            className="field-indented"
          >
            {(c) => (
              <input
                {...c}
                inputMode="numeric"
                value={form.maxCheckFixes}
                onChange={(e) => set('maxCheckFixes', e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
        ) : null}
        <CheckboxField
          label="Close the task when its pull request is merged"
          checked={form.closeOnMerge}
          error={errors.closeOnMerge}
          onChange={(checked) => set('closeOnMerge', checked)}
          hint="Its worktrees on the runners are cleaned up too."
        />
      </fieldset>
      <Field
        label="Description"
        error={errors.description}
        hint="Context every agent gets. Ctrl+Enter saves."
      >
        {(c) => (
          <textarea
            {...c}
            rows={4}
            value={form.description}
            onChange={(e) => set('description', e.target.value)}
          />
        )}
      </Field>
    </FormDialog>
  );
}
