import { memo, useEffect, useId, useRef, useState } from 'react';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import {
  COLUMNS,
  editCardText,
  moveCard,
  removeCard,
  setCardChildren,
  setConfirmed,
  setDisputed,
  shiftCard,
  ValidationError,
  type Card,
  type ColumnId,
} from '../../../shared/model/index.js';
import type { ConferenceConnection } from '../conference/connection';
import { useConference } from '../conference/context';
import type { BoardActions } from './Board';
import { LanguageHints } from './LanguageHints';

interface Props {
  connection: ConferenceConnection;
  card: Card;
  index: number;
  count: number;
  actions: BoardActions;
  readOnly: boolean;
  confirmed: boolean;
  disputed: boolean;
  isChair: boolean;
  family: boolean;
}

export const CardItem = memo(function CardItem({
  connection,
  card,
  index,
  count,
  actions,
  readOnly,
  confirmed,
  disputed,
  isChair,
  family,
}: Props): React.JSX.Element {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    disabled: readOnly,
  });
  const [editing, setEditing] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const editRef = useRef<HTMLButtonElement>(null);
  const moveRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    if (wasEditing.current && !editing) editRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const attempt = (what: string, action: () => void): void => {
    try {
      action();
    } catch (err) {
      actions.notify(err instanceof ValidationError ? err.message : `The item could not be ${what}.`);
    }
  };

  const moveTo = (column: ColumnId): void => {
    setMenuOpen(false);
    attempt('moved', () => {
      moveCard(connection.doc, card.id, column);
      actions.notify(`Item moved to ${actions.headingFor(column)}.`);
    });
  };
  const shift = (direction: -1 | 1): void => {
    setMenuOpen(false);
    attempt('moved', () => shiftCard(connection.doc, card.id, direction));
    moveRef.current?.focus();
  };

  const style: React.CSSProperties = { transform: CSS.Transform.toString(transform), transition };
  const label = `${card.text.length > 80 ? `${card.text.slice(0, 80)}…` : card.text}`;

  return (
    <li
      ref={setNodeRef}
      style={style}
      className={`card ${confirmed ? 'is-confirmed status-confirmed' : 'status-proposed'}${isDragging ? ' dragging' : ''}`}
      data-card-id={card.id}
    >
      {editing && !readOnly ? (
        <EditCard
          text={card.text}
          onSave={(text) =>
            attempt('saved', () => {
              editCardText(connection.doc, card.id, text);
              setEditing(false);
            })
          }
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <div className="card-top">
            {!readOnly && (
              <button
                type="button"
                ref={setActivatorNodeRef}
                className="drag-handle"
                {...attributes}
                {...listeners}
                aria-label={`Drag item: ${label}`}
                aria-roledescription="draggable item"
              >
                <span aria-hidden="true">⠿</span>
              </button>
            )}
            <p className="card-text">{card.text}</p>
          </div>
          <p className="card-meta">
            <span className="author">
              {card.author.name}, {card.author.roleLabel}
            </span>
            {confirmed ? (
              <span className="badge confirmed">{family ? 'Agreed' : 'Confirmed'}</span>
            ) : disputed ? (
              <span className="badge disputed">{family ? 'Not agreed' : 'Disputed'}</span>
            ) : (
              <span className="badge proposed">{family ? 'Not checked yet' : 'Proposed'}</span>
            )}
            <ChildTags card={card} readOnly={readOnly} />
          </p>
          {isChair && !readOnly && (
            <div className="card-actions chair-actions">
              <button
                type="button"
                aria-pressed={confirmed}
                onClick={() => setConfirmed(connection.chairDoc, card.id, !confirmed)}
                aria-label={`${confirmed ? 'Unconfirm' : 'Confirm'} item: ${label}`}
              >
                {confirmed ? 'Unconfirm' : 'Confirm'}
              </button>
              {!disputed && (
                <button
                  type="button"
                  onClick={() =>
                    attempt('moved', () => {
                      moveCard(connection.doc, card.id, 'grey');
                      setDisputed(connection.chairDoc, card.id, true);
                      actions.notify('Item moved to Grey areas as disputed.');
                    })
                  }
                  aria-label={`Disputed: move to Grey areas: ${label}`}
                >
                  Disputed
                </button>
              )}
            </div>
          )}
          {!readOnly && (
            <div className="card-actions">
              <button type="button" ref={editRef} onClick={() => setEditing(true)} aria-label={`Edit item: ${label}`}>
                Edit
              </button>
              <button
                type="button"
                ref={moveRef}
                aria-expanded={menuOpen}
                aria-controls={menuId}
                onClick={() => setMenuOpen(!menuOpen)}
                aria-label={`Move item: ${label}`}
              >
                Move to…
              </button>
              <button
                type="button"
                onClick={() =>
                  attempt('removed', () => {
                    removeCard(connection.doc, card.id);
                    actions.offerUndo(card);
                  })
                }
                aria-label={`Remove item: ${label}`}
              >
                Remove
              </button>
            </div>
          )}
          {menuOpen && !readOnly && (
            <MoveMenu
              id={menuId}
              card={card}
              index={index}
              count={count}
              headingFor={actions.headingFor}
              onMove={moveTo}
              onShift={shift}
              onClose={() => {
                setMenuOpen(false);
                moveRef.current?.focus();
              }}
            />
          )}
        </>
      )}
    </li>
  );
});

function MoveMenu(props: {
  id: string;
  card: Card;
  index: number;
  count: number;
  headingFor: (c: ColumnId) => string;
  onMove: (c: ColumnId) => void;
  onShift: (d: -1 | 1) => void;
  onClose: () => void;
}): React.JSX.Element {
  const { id, card, index, count, headingFor, onMove, onShift, onClose } = props;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
  }, []);
  return (
    <div
      id={id}
      ref={ref}
      className="move-menu"
      role="group"
      aria-label="Move this item"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {index > 0 && (
        <button type="button" onClick={() => onShift(-1)}>
          Up one place
        </button>
      )}
      {index < count - 1 && (
        <button type="button" onClick={() => onShift(1)}>
          Down one place
        </button>
      )}
      {COLUMNS.filter((c) => c.id !== card.column).map((c) => (
        <button type="button" key={c.id} onClick={() => onMove(c.id)}>
          To {headingFor(c.id)}
        </button>
      ))}
      <button type="button" onClick={onClose}>
        Cancel
      </button>
    </div>
  );
}

function EditCard({ text, onSave, onCancel }: { text: string; onSave: (text: string) => void; onCancel: () => void }): React.JSX.Element {
  const [draft, setDraft] = useState(text);
  const id = useId();
  return (
    <form
      className="edit-card"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Edit the item
      </label>
      <textarea
        id={id}
        value={draft}
        autoFocus
        rows={3}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            onSave(draft);
          }
        }}
      />
      <LanguageHints text={draft} onChange={setDraft} />
      <div className="card-actions">
        <button type="submit" className="primary">
          Save
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Which children an item is about, when there is more than one child. */
function ChildTags({ card, readOnly }: { card: Card; readOnly: boolean }): React.JSX.Element | null {
  const { connection, details } = useConference();
  const children = details?.children ?? [];
  if (children.length < 2) return null;
  if (readOnly) {
    return card.children.length ? (
      <span className="child-tags">About: {card.children.map((i) => children[i]?.name).join(', ')}</span>
    ) : null;
  }
  return (
    <span className="child-tags" role="group" aria-label="Which children this is about">
      {children.map((child, i) => {
        const on = card.children.includes(i);
        return (
          <button
            key={i}
            type="button"
            className={`chip${on ? ' on' : ''}`}
            aria-pressed={on}
            onClick={() => setCardChildren(connection.doc, card.id, on ? card.children.filter((c) => c !== i) : [...card.children, i])}
          >
            {child.name}
          </button>
        );
      })}
    </span>
  );
}
