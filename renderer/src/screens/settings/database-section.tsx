import type { SettingsView } from '../../../../shared/domain.js';
import { databaseEnvVars } from './settings-model.js';

/**
 * The database in use, read-only: the API has no way to test a new server before it is
 * used, and a wrong one would only show after a restart, so changing it is left to the
 * environment variables (or the settings file), where the README explains it.
 */
export function DatabaseSection({ view }: { view: SettingsView }) {
  const db = view.database;
  const envVars = databaseEnvVars(view);
  const stored = db.mode === 'embedded' ? (
    <p data-testid="database-mode">Built-in PostgreSQL server in the app’s data folder (no set-up needed).</p>
  ) : (
    <dl className="facts" data-testid="database-mode">
      <div><dt>Server</dt><dd className="mono">{db.url}</dd></div>
      <div><dt>Password</dt><dd>{db.passwordSet ? 'stored (never shown)' : 'none'}</dd></div>
      <div><dt>TLS</dt><dd>{db.sslMode}{db.caFile ? ` · CA ${db.caFile}` : ''}</dd></div>
    </dl>
  );
  return (
    <section className="card" aria-labelledby="database-title" data-testid="settings-database">
      <h2 id="database-title" className="card-title">Database</h2>
      {envVars.length > 0 ? (
        <>
          {/* The environment wins: say what is in use first, the stored choice second. */}
          <p className="env-note" data-testid="database-env">
            Set by environment variable {envVars.join(', ')}: the app uses the server it names.
          </p>
          <div className="muted small">Stored setting, used when the variable is not set:</div>
          {stored}
        </>
      ) : stored}
      {view.restartRequired && <p className="warn-text small">The database settings changed: restart AlphaPulse Sync to use them.</p>}
      <p className="muted small">
        To use your own PostgreSQL server, start the app with <code>DATABASE_URL</code> set (e.g. <code>postgres://user@host:5432/alphapulse?sslmode=require</code>). Diagnostics
        check the connection.
      </p>
    </section>
  );
}
