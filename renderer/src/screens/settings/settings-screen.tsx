import { ErrorNotice, Loading } from '../../components/async-view.js';
import { useSettings } from '../../state/live-data.js';
import { AccountsSection } from './accounts-section.js';
import { DatabaseSection } from './database-section.js';
import { GeneralSettingsForm } from './general-settings-form.js';

/** #/settings: accounts, schedule, database, launch at login, notifications. */
export function SettingsScreen() {
  const settings = useSettings();
  return (
    <section className="screen" aria-labelledby="settings-title">
      <h1 id="settings-title" className="screen-title">Settings</h1>
      <AccountsSection />
      {settings.error && !settings.data && <ErrorNotice error={settings.error} onRetry={settings.reload} title="Could not load the settings" />}
      {!settings.data && !settings.error && <Loading label="Loading settings…" />}
      {settings.data && (
        <>
          <section className="card">
            <GeneralSettingsForm view={settings.data} onSaved={settings.set} />
          </section>
          <DatabaseSection view={settings.data} />
        </>
      )}
    </section>
  );
}
