export function NoTokenScreen({ rejected }: { rejected: boolean }) {
  return (
    <main className="no-token">
      <div className="no-token-card">
        <h1>{rejected ? 'This page’s access token was refused' : 'Open Sortie from its link'}</h1>
        <p>
          {rejected
            ? 'The Sortie host no longer accepts the token this tab was opened with; it makes a new one each time it starts.'
            : 'This page needs the access token that the Sortie host prints when it starts.'}
        </p>
        <p>
          Run <code>npm run serve</code> and open the URL it prints, which looks like{' '}
          <code>http://127.0.0.1:PORT/?token=…</code>
        </p>
      </div>
    </main>
  );
}
