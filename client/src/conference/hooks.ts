import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type * as Y from 'yjs';
import { readBoard, readChairState, type Board, type Card, type ChairState, type ColumnId } from '../../../shared/model/index.js';
import { readPresence, type ConferenceConnection, type ConnectionState, type PresenceUser } from './connection';

/**
 * Subscribes a component to a value read from the document. The value is read again only after
 * the document changed, and `share` lets unchanged parts keep their identity so React skips them.
 */
function useDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, share: (prev: T, next: T) => T): T {
  const version = useRef(0);
  const cache = useRef<{ version: number; value: T } | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const handler = (): void => {
        version.current++;
        onChange();
      };
      doc.on('update', handler);
      return () => doc.off('update', handler);
    },
    [doc],
  );
  const getSnapshot = (): T => {
    const current = cache.current;
    if (current && current.version === version.current) return current.value;
    const next = read(doc);
    const value = current ? share(current.value, next) : next;
    cache.current = { version: version.current, value };
    return value;
  };
  return useSyncExternalStore(subscribe, getSnapshot);
}

function sameCard(a: Card, b: Card): boolean {
  return (
    a.id === b.id &&
    a.text === b.text &&
    a.column === b.column &&
    a.rank === b.rank &&
    a.removed === b.removed &&
    a.children.join() === b.children.join() &&
    a.changedAt === b.changedAt &&
    a.changedBy === b.changedBy &&
    a.proposal?.text === b.proposal?.text &&
    a.author.id === b.author.id &&
    a.author.name === b.author.name &&
    a.author.roleLabel === b.author.roleLabel
  );
}

/** Keeps the previous card objects (and column arrays) where nothing changed. */
function shareBoard(prev: Board, next: Board): Board {
  const byId = new Map<string, Card>();
  for (const cards of Object.values(prev)) for (const card of cards) byId.set(card.id, card);
  let changed = false;
  const result = {} as Record<ColumnId, readonly Card[]>;
  for (const [column, cards] of Object.entries(next) as Array<[ColumnId, readonly Card[]]>) {
    const shared = cards.map((card) => {
      const old = byId.get(card.id);
      return old && sameCard(old, card) ? old : card;
    });
    const before = prev[column];
    const same = before.length === shared.length && shared.every((card, i) => card === before[i]);
    result[column] = same ? before : shared;
    if (!same) changed = true;
  }
  return changed ? result : prev;
}

/** A value read from the document, compared by JSON so that an unchanged value keeps its identity. */
export function useDocJson<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  return useDocValue(doc, read, (prev, next) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
}

/** Runs `work` when the browser is idle (at the latest after `timeout` ms); returns a cancel. */
function whenIdle(work: () => void, timeout: number): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(work, { timeout });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(work, Math.min(timeout, 200));
  return () => window.clearTimeout(handle);
}

/**
 * A value read from the document when the browser is idle after a change, not while it renders and
 * paints: for counts over the whole document that nobody waits for (`null` until first read).
 */
export function useIdleDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, timeout = 1000): T | null {
  const [value, setValue] = useState<T | null>(null);
  const readRef = useRef(read);
  useEffect(() => {
    readRef.current = read;
  });
  useEffect(() => {
    let cancel: (() => void) | null = null;
    const run = (): void => {
      cancel = null;
      setValue(readRef.current(doc));
    };
    const schedule = (): void => {
      cancel ??= whenIdle(run, timeout);
    };
    schedule();
    doc.on('update', schedule);
    return () => {
      doc.off('update', schedule);
      cancel?.();
    };
  }, [doc, timeout]);
  return value;
}

export function useBoard(connection: ConferenceConnection): Board {
  return useDocValue(connection.doc, readBoard, shareBoard);
}

const chairKey = (c: ChairState): string =>
  JSON.stringify({
    ...c,
    confirmed: [...c.confirmed].sort(),
    disputed: [...c.disputed].sort(),
    agreed: [...c.agreed].sort(),
    revealed: [...c.revealed].sort(),
  });

function sameChairState(prev: ChairState, next: ChairState): ChairState {
  return chairKey(prev) === chairKey(next) ? prev : next;
}

export function useChairState(connection: ConferenceConnection): ChairState {
  return useDocValue(connection.chairDoc, readChairState, sameChairState);
}

export function useConnectionState(connection: ConferenceConnection): ConnectionState {
  return useStore(connection.state);
}

export function usePresence(connection: ConferenceConnection): PresenceUser[] {
  const cache = useRef<PresenceUser[] | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const handler = (): void => {
        cache.current = null;
        onChange();
      };
      connection.provider.awareness.on('change', handler);
      return () => connection.provider.awareness.off('change', handler);
    },
    [connection],
  );
  return useSyncExternalStore(subscribe, () => (cache.current ??= readPresence(connection)));
}
