import { useState } from 'react';
import { conferenceSnapshot } from '../../../shared/model/index.js';
import { useConference } from '../conference/context';

/** Makes and downloads the summary PDF, with progress and a clear message if it fails. */
export function SummaryButton({ label = 'Download the summary (PDF)' }: { label?: string }): React.JSX.Element {
  const { connection } = useConference();
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');
  const make = async (): Promise<void> => {
    setState('busy');
    try {
      const { downloadSummary } = await import('../pdf');
      await downloadSummary(conferenceSnapshot(connection.doc, connection.chairDoc), connection.conferenceId);
      setState('done');
    } catch {
      setState('failed');
    }
  };
  return (
    <span className="summary-button">
      <button type="button" className="primary" onClick={() => void make()} disabled={state === 'busy'}>
        {state === 'busy' ? 'Making the PDF…' : label}
      </button>
      <span role="status">
        {state === 'done' ? 'The summary has been downloaded.' : state === 'failed' ? 'The PDF could not be made. Please try again.' : ''}
      </span>
    </span>
  );
}
