import { useEffect, useRef, useState } from 'react';
import { columnInfo, type Author } from '../../../shared/model/index.js';
import { useBoard } from '../conference/hooks';
import type { ConferenceConnection } from '../conference/connection';

const EVERY_MS = 4000;

/**
 * Tells screen reader users, politely, what others add to the board ("Health visitor added an
 * item to What is going well"), at most one message every few seconds so it never floods.
 */
export function ChangeAnnouncer({ connection, me }: { connection: ConferenceConnection; me: Author }): React.JSX.Element {
  const board = useBoard(connection);
  const known = useRef<Set<string> | null>(null);
  const queue = useRef<string[]>([]);
  const [message, setMessage] = useState('');

  useEffect(() => {
    const ids = new Set<string>();
    for (const cards of Object.values(board)) {
      for (const card of cards) {
        ids.add(card.id);
        if (known.current && !known.current.has(card.id) && card.author.id !== me.id) {
          const heading = me.role === 'family' ? columnInfo(card.column).familyLabel : columnInfo(card.column).label;
          queue.current.push(`${card.author.roleLabel || card.author.name} added an item to ${heading}`);
        }
      }
    }
    known.current = ids;
  }, [board, me]);

  useEffect(() => {
    const timer = setInterval(() => {
      const pending = queue.current.splice(0);
      if (pending.length === 0) return;
      setMessage(
        pending.length === 1
          ? `${pending[0]}.`
          : `${pending[0]}, and ${pending.length - 1} more ${pending.length === 2 ? 'item was' : 'items were'} added.`,
      );
    }, EVERY_MS);
    return () => clearInterval(timer);
  }, []);

  return (
    <div className="visually-hidden" aria-live="polite" data-testid="announcer">
      {message}
    </div>
  );
}
