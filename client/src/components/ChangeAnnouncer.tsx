import { useEffect, useRef, useState } from 'react';
import type { Author, ColumnId } from '../../../shared/model/index.js';
import { useBoard } from '../conference/hooks';
import type { ConferenceConnection } from '../conference/connection';
import { useT } from '../i18n/store';
import { headingOf, roleOf } from '../i18n/words';

const EVERY_MS = 4000;

/**
 * Tells screen reader users, politely, what others add to the board ("Health visitor added an
 * item to What is going well"), at most one message every few seconds so it never floods.
 */
export function ChangeAnnouncer({ connection, me }: { connection: ConferenceConnection; me: Author }): React.JSX.Element {
  const i18n = useT();
  const board = useBoard(connection);
  const known = useRef<Set<string> | null>(null);
  const queue = useRef<Array<{ who: string; column: ColumnId }>>([]);
  const words = useRef(i18n);
  const [message, setMessage] = useState('');
  // The announcement timer reads the words of the language shown now.
  useEffect(() => {
    words.current = i18n;
  }, [i18n]);

  useEffect(() => {
    const ids = new Set<string>();
    for (const cards of Object.values(board)) {
      for (const card of cards) {
        ids.add(card.id);
        if (known.current && !known.current.has(card.id) && card.author.id !== me.id) {
          queue.current.push({ who: card.author.roleLabel || card.author.name, column: card.column });
        }
      }
    }
    known.current = ids;
  }, [board, me]);

  useEffect(() => {
    const timer = setInterval(() => {
      const pending = queue.current.splice(0);
      const first = pending[0];
      if (!first) return;
      const { t } = words.current;
      const added = { who: roleOf(words.current, first.who), heading: headingOf(words.current, first.column, me.role === 'family') };
      setMessage(pending.length === 1 ? t('announce.added', added) : t('announce.addedMore', { ...added, count: pending.length - 1 }));
    }, EVERY_MS);
    return () => clearInterval(timer);
  }, [me.role]);

  return (
    <div className="visually-hidden" aria-live="polite" data-testid="announcer">
      {message}
    </div>
  );
}
