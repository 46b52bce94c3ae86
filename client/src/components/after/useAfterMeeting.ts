import { useCallback, useEffect, useState } from 'react';
import { api, type Amendments, type Version } from '../../api';

/** How often an open page asks again what became of the requests (an answer changes no document). */
const POLL_MS = 15_000;

export interface AfterMeetingData {
  amendments: Amendments | null;
  versions: Version[];
  /** Why loading failed (worded by the screen), or null. */
  error: unknown;
  reload: () => Promise<void>;
}

/**
 * The requests for changes and the published versions of an ended conference, as the server gives
 * them to this person (the chair sees every request; others their own). Loaded again when the chair's
 * document says a version was published or amending began or ended, and every few seconds.
 */
export function useAfterMeeting(conferenceId: string, token: string, version: number, amending: boolean): AfterMeetingData {
  const [amendments, setAmendments] = useState<Amendments | null>(null);
  const [versions, setVersions] = useState<Version[]>([]);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async (): Promise<void> => {
    try {
      const [a, v] = await Promise.all([api.amendments(conferenceId, token), api.versions(conferenceId, token)]);
      setAmendments(a);
      setVersions(v.versions);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [conferenceId, token]);
  useEffect(() => {
    // The server is an external system: its answer arrives after the request, never synchronously.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the state mirrors a request this effect starts
    void reload();
    const timer = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(timer);
  }, [reload, version, amending]);
  return { amendments, versions, error, reload };
}
