import { PageHeader } from '@renderer/components/PageHeader';
import { useSettingsStore } from '@renderer/stores/settings';
import { SettingsFormView } from './SettingsFormView';

export function SettingsPage() {
  const settings = useSettingsStore((s) => s.settings);
  const status = useSettingsStore((s) => s.status);
  return (
    <div className="page">
      <PageHeader title="Settings" />
      {settings ? (
        <SettingsFormView settings={settings} />
      ) : (
        <p className="muted loading">
          {status === 'error' ? 'Settings could not be loaded.' : 'Loading settings…'}
        </p>
      )}
    </div>
  );
}
