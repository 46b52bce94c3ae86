import { useCallback, useMemo, useState } from 'react';
import { useTransient } from './useTransient';
import {
  closestCorners,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from '@dnd-kit/core';
import { arrayMove, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { COLUMNS, isColumnId, type Board as BoardData, type Card, type ColumnId } from '../../../shared/model/index.js';
import { useConferenceActions } from '../conference/actions';
import { useBoard } from '../conference/hooks';
import { useConference } from '../conference/context';
import { useUi } from '../ui';
import { useT } from '../i18n/store';
import { headingOf } from '../i18n/words';
import { Column } from './Column';

export const COLUMN_DROP_PREFIX = 'column:';

// Stable options: new objects on every render would change dnd-kit's context and re-render every card.
const POINTER_OPTIONS = { activationConstraint: { distance: 6 } };
const KEYBOARD_OPTIONS = { coordinateGetter: sortableKeyboardCoordinates };

function findCard(board: BoardData, id: string): Card | undefined {
  for (const cards of Object.values(board)) {
    const card = cards.find((c) => c.id === id);
    if (card) return card;
  }
  return undefined;
}

/** Where a drop lands: the column, and the card to place the dragged card before (null = the end). */
function dropTarget(board: BoardData, activeId: string, overId: string): { column: ColumnId; beforeId: string | null } | null {
  if (overId.startsWith(COLUMN_DROP_PREFIX)) {
    const column = overId.slice(COLUMN_DROP_PREFIX.length);
    return isColumnId(column) ? { column, beforeId: null } : null;
  }
  const active = findCard(board, activeId);
  const over = findCard(board, overId);
  if (!active || !over) return null;
  if (active.column !== over.column) return { column: over.column, beforeId: over.id };
  const ids = board[over.column].map((c) => c.id);
  const newIndex = ids.indexOf(over.id);
  const reordered = arrayMove(ids, ids.indexOf(active.id), newIndex);
  return { column: over.column, beforeId: reordered[newIndex + 1] ?? null };
}

/** What the board's cards need from it: the heading names and its status line. */
export interface BoardHelpers {
  headingFor: (column: ColumnId) => string;
  /** Shows a message in the board's status area: a confirmation passes; an error (`fades = false`) stays until the next. */
  notify: (message: string, fades?: boolean) => void;
  /** Offers to undo a removal. */
  offerUndo: (card: Card) => void;
}

export function Board(): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { connection, author, readOnly, chair, mode } = useConference();
  const tab = useUi((u) => u.boardTab);
  const setTab = useUi((u) => u.setBoardTab);
  const board = useBoard(connection);
  const { act } = useConferenceActions();
  const [message, setMessage] = useTransient<string>();
  const [removed, setRemoved] = useState<Card | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor, KEYBOARD_OPTIONS));
  const family = author.role === 'family';
  const headingFor = useCallback((column: ColumnId) => headingOf(i18n, column, family), [i18n, family]);

  const describe = (id: string | number): string => {
    const card = findCard(board, String(id));
    return card ? t('dnd.item', { text: card.text.slice(0, 60) }) : t('dnd.anItem');
  };
  const where = (id: string | number | undefined): string => {
    if (id === undefined) return t('dnd.nowhere');
    const key = String(id);
    if (key.startsWith(COLUMN_DROP_PREFIX)) {
      const column = key.slice(COLUMN_DROP_PREFIX.length);
      return isColumnId(column) ? t('dnd.endOf', { heading: headingFor(column) }) : t('dnd.aColumn');
    }
    const card = findCard(board, key);
    return card ? t('dnd.nextTo', { heading: headingFor(card.column), item: describe(key) }) : t('dnd.board');
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('dnd.pickedUp', { item: describe(active.id) }),
    onDragOver: ({ active, over }) => t('dnd.over', { item: describe(active.id), where: where(over?.id) }),
    onDragEnd: ({ active, over }) =>
      over
        ? t('dnd.dropped', { item: describe(active.id), where: where(over.id) })
        : t('dnd.droppedNowhere', { item: describe(active.id) }),
    onDragCancel: ({ active }) => t('dnd.cancelled', { item: describe(active.id) }),
  };

  const onDragEnd = ({ active, over }: DragEndEvent): void => {
    if (!over) return;
    const target = dropTarget(board, String(active.id), String(over.id));
    if (!target) return;
    const result = act.moveCard(String(active.id), target.column, target.beforeId);
    if (!result.ok) setMessage(result.message, false);
  };

  const helpers: BoardHelpers = useMemo(
    () => ({
      headingFor,
      notify: setMessage,
      offerUndo: (card: Card) => {
        setRemoved(card);
        setMessage(t('board.removed', { heading: headingFor(card.column) }), false);
      },
    }),
    [headingFor, t, setMessage],
  );

  const undo = (): void => {
    if (!removed) return;
    const result = act.restoreCard(removed.id);
    setMessage(result.ok ? t('board.putBack') : result.message, result.ok);
    setRemoved(null);
  };

  return (
    <div className="board-area">
      <h2 className="board-title">{t(family ? 'board.title.family' : 'board.title')}</h2>
      <div className="board-status" aria-live="polite">
        {message && <span>{message}</span>}
        {removed && (
          <button type="button" onClick={undo}>
            {t('board.undo')}
          </button>
        )}
      </div>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        onDragEnd={onDragEnd}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable: t('dnd.instructions'),
          },
        }}
      >
        {mode === 'tablet' && (
          <div className="column-tabs" role="tablist" aria-label={t('board.headings')}>
            {COLUMNS.map((column) => (
              <button
                key={column.id}
                type="button"
                role="tab"
                id={`tab-${column.id}`}
                aria-selected={tab === column.id}
                aria-controls={`panel-${column.id}`}
                tabIndex={tab === column.id ? 0 : -1}
                className={`column-tab column-${column.id}`}
                onClick={() => setTab(column.id)}
                onKeyDown={(e) => {
                  // The next heading in reading order: to the left when the screen reads right to left.
                  const i = COLUMNS.findIndex((c) => c.id === tab);
                  const forward = i18n.dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
                  const back = i18n.dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
                  const next = e.key === forward ? i + 1 : e.key === back ? i - 1 : null;
                  if (next === null) return;
                  const target = COLUMNS[(next + COLUMNS.length) % COLUMNS.length];
                  if (target) {
                    setTab(target.id);
                    document.getElementById(`tab-${target.id}`)?.focus();
                  }
                }}
              >
                {t('board.tab', { heading: headingFor(column.id), count: board[column.id].length })}
              </button>
            ))}
          </div>
        )}
        <div className="board">
          {COLUMNS.filter((column) => mode !== 'tablet' || column.id === tab).map((column) => (
            <Column
              key={column.id}
              author={author}
              column={column.id}
              cards={board[column.id]}
              helpers={helpers}
              readOnly={readOnly}
              confirmed={chair.confirmed}
              disputed={chair.disputed}
            />
          ))}
        </div>
      </DndContext>
    </div>
  );
}
