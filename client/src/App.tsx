import { Landing } from './components/Landing';
import { ConferencePage } from './components/ConferencePage';

/** Two pages: the landing page at `/`, and a conference at `/c/<id>`. */
export function App(): React.JSX.Element {
  const match = /^\/c\/([A-Za-z0-9_-]+)\/?$/.exec(window.location.pathname);
  if (match?.[1]) return <ConferencePage conferenceId={match[1]} />;
  return <Landing />;
}
