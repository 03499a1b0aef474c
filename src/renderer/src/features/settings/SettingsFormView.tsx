import { useId, useState, type KeyboardEvent } from 'react';
import type { Settings } from '@shared/contract';
import { THEMES, type Theme } from '@shared/domain/settings';
import { CheckboxField, Field } from '@renderer/components/Field';
import { useFormSubmit } from '@renderer/lib/use-form-submit';
import { updateSettings } from '@renderer/stores/settings';
import { showToast } from '@renderer/stores/ui';
import { ReviewFollowUpField } from './ReviewFollowUpField';
import { SETTINGS_FIELDS, formToSettingsInput, settingsToForm, type SettingsForm } from './settings-form';

const THEME_LABELS: Record<Theme, string> = {
  system: 'Follow the system',
  light: 'Light',
  dark: 'Dark',
};

/** Ctrl/Cmd+Enter saves from the prompt textarea, as in the dialogs. */
function submitOnCtrlEnter(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }
}

export function SettingsFormView({ settings }: { settings: Settings }) {
  // Null while nothing is edited, so the form follows the saved settings, even those saved elsewhere.
  const [edits, setEdits] = useState<SettingsForm | null>(null);
  const form = edits ?? settingsToForm(settings);
  const dirty = edits !== null;
  const themeLegend = useId();

  const { pending, errors, onSubmit, clearError } = useFormSubmit(SETTINGS_FIELDS, async () => {
    await updateSettings(formToSettingsInput(form));
    setEdits(null);
    showToast('info', 'Settings saved.');
  });

  function set<K extends keyof SettingsForm>(key: K, value: SettingsForm[K]): void {
    setEdits((current) => ({ ...(current ?? settingsToForm(settings)), [key]: value }));
    clearError(key);
  }

  return (
    <form className="form settings-form" onSubmit={onSubmit} onKeyDown={submitOnCtrlEnter} noValidate>
      <section className="settings-section" aria-labelledby="settings-general">
        <h2 id="settings-general">General</h2>
        <Field
          label="GitHub main user"
          error={errors.githubMainUser}
          hint="Your GitHub login: reviews and follow-ups treat comments from it as yours."
        >
          {(c) => (
            <input
              {...c}
              value={form.githubMainUser}
              onChange={(e) => set('githubMainUser', e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </Field>
        <CheckboxField
          label="Desktop notifications when a run finishes"
          checked={form.notificationsEnabled}
          error={errors.notificationsEnabled}
          onChange={(checked) => set('notificationsEnabled', checked)}
        />
        <fieldset
          className="field radio-group"
          aria-describedby={errors.theme ? `${themeLegend}-error` : undefined}
        >
          <legend id={themeLegend} className="field-label">
            Theme
          </legend>
          {THEMES.map((theme) => (
            <label key={theme} className="radio">
              <input
                type="radio"
                name="theme"
                value={theme}
                checked={form.theme === theme}
                onChange={() => set('theme', theme)}
              />
              {THEME_LABELS[theme]}
            </label>
          ))}
          {errors.theme ? (
            <p id={`${themeLegend}-error`} className="field-error" role="alert">
              {errors.theme}
            </p>
          ) : null}
        </fieldset>
      </section>
      <section className="settings-section" aria-labelledby="settings-pull-requests">
        <h2 id="settings-pull-requests">Pull requests</h2>
        <ReviewFollowUpField
          enabled={form.reviewFollowUpEnabled}
          minutes={form.reviewFollowUpIntervalMinutes}
          mainUser={form.githubMainUser.trim()}
          error={errors.reviewFollowUpEnabled ?? errors.reviewFollowUpIntervalMinutes}
          onEnabled={(checked) => set('reviewFollowUpEnabled', checked)}
          onMinutes={(minutes) => set('reviewFollowUpIntervalMinutes', minutes)}
        />
      </section>
      <section className="settings-section" aria-labelledby="settings-reviews">
        <h2 id="settings-reviews">Reviews</h2>
        <Field
          label="Default review prompt"
          error={errors.defaultReviewPrompt}
          hint="What the agent is told when it reviews a pull request. Ctrl+Enter saves."
        >
          {(c) => (
            <textarea
              {...c}
              rows={8}
              value={form.defaultReviewPrompt}
              onChange={(e) => set('defaultReviewPrompt', e.target.value)}
            />
          )}
        </Field>
      </section>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Saving…' : 'Save settings'}
        </button>
        <button type="button" className="button" disabled={!dirty || pending} onClick={() => setEdits(null)}>
          Discard changes
        </button>
        {dirty ? <span className="muted">Unsaved changes</span> : null}
      </div>
    </form>
  );
}
