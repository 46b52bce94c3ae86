import { memo, useEffect, useId, useRef, useState } from 'react';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { changedAfter, COLUMNS, type Card, type ColumnId } from '../../../shared/model/index.js';
import { useConferenceActions, type ActionResult } from '../conference/actions';
import { useConference } from '../conference/context';
import type { BoardHelpers } from './Board';
import { ConflictNotice } from './ConflictNotice';
import { LanguageHints } from './LanguageHints';
import { useT } from '../i18n/store';
import { forFamily, roleOf } from '../i18n/words';
import { Typed } from '../i18n/Rich';
import { SourceLine, ViewsBeside } from './across/Notes';

interface Props {
  card: Card;
  index: number;
  count: number;
  helpers: BoardHelpers;
  readOnly: boolean;
  confirmed: boolean;
  disputed: boolean;
  family: boolean;
}

export const CardItem = memo(function CardItem({
  card,
  index,
  count,
  helpers,
  readOnly,
  confirmed,
  disputed,
  family,
}: Props): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { act, can } = useConferenceActions();
  const { chair } = useConference();
  const mayChange = !readOnly && can.changeItem(card);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    disabled: !mayChange,
  });
  const [editing, setEditing] = useState<'edit' | 'propose' | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const editRef = useRef<HTMLButtonElement>(null);
  const moveRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    if (wasEditing.current && !editing) editRef.current?.focus();
    wasEditing.current = editing !== null;
  }, [editing]);

  const report = (result: ActionResult, done?: string): boolean => {
    if (!result.ok) {
      if (result.message) helpers.notify(result.message, false);
      return false;
    }
    if (done) helpers.notify(done);
    return true;
  };

  const moveTo = (column: ColumnId): void => {
    setMenuOpen(false);
    report(act.moveCard(card.id, column, null), t('board.moved', { heading: helpers.headingFor(column) }));
  };
  const shift = (direction: -1 | 1): void => {
    setMenuOpen(false);
    report(act.shiftCard(card.id, direction));
    moveRef.current?.focus();
  };

  const style: React.CSSProperties = { transform: CSS.Transform.toString(transform), transition };
  const label = `${card.text.length > 80 ? `${card.text.slice(0, 80)}…` : card.text}`;
  const changedSince = confirmed && changedAfter(chair.settledAt[card.id], card.changedAt);

  return (
    <li
      ref={setNodeRef}
      style={style}
      className={`card ${confirmed ? 'is-confirmed status-confirmed' : 'status-proposed'}${isDragging ? ' dragging' : ''}`}
      data-card-id={card.id}
    >
      {editing === 'edit' && mayChange ? (
        <EditCard
          text={card.text}
          label={t('card.editLabel')}
          save={(base, text, force) => act.editCard(card.id, base, text, force)}
          onDone={() => setEditing(null)}
        />
      ) : editing === 'propose' && !readOnly ? (
        <EditCard
          text={card.proposal?.text ?? card.text}
          label={t('card.shouldSay')}
          submitLabel={t('card.askChair')}
          save={(_base, text) => act.proposeChange(card.id, text)}
          onDone={(saved) => {
            setEditing(null);
            if (saved) helpers.notify(t('card.requestSent'));
          }}
        />
      ) : (
        <>
          <div className="card-top">
            {mayChange && (
              <button
                type="button"
                ref={setActivatorNodeRef}
                className="drag-handle"
                {...attributes}
                {...listeners}
                aria-label={t('card.drag', { label })}
                aria-roledescription={t('card.draggable')}
              >
                <span aria-hidden="true">⠿</span>
              </button>
            )}
            <p className="card-text" dir="auto">
              {card.text}
            </p>
          </div>
          <p className="card-meta">
            <span className="author">{t('common.nameAndRole', { name: card.author.name, role: roleOf(i18n, card.author.roleLabel) })}</span>
            {confirmed ? (
              <span className="badge confirmed">{t(forFamily('badge.confirmed', family))}</span>
            ) : disputed ? (
              <span className="badge disputed">{t(forFamily('badge.disputed', family))}</span>
            ) : (
              <span className="badge proposed">{t(forFamily('badge.proposed', family))}</span>
            )}
            {changedSince && <span className="badge changed">{t(forFamily('badge.changed', family))}</span>}
            <ChildTags card={card} editable={mayChange} />
          </p>
          <SourceLine source={card.source} />
          <ViewsBeside target={`cards/${card.id}`} label={label} />
          {card.proposal && (
            <Proposal
              card={card}
              isChair={can.isChair}
              settle={(accept) => report(act.settleProposal(card.id, accept), t(accept ? 'card.accepted' : 'card.declined'))}
            />
          )}
          {can.settle && (
            <div className="card-actions chair-actions">
              <button
                type="button"
                aria-pressed={confirmed}
                onClick={() => report(act.confirm(card.id, !confirmed))}
                aria-label={t(confirmed ? 'card.unconfirmItem' : 'card.confirmItem', { label })}
              >
                {t(confirmed ? 'card.unconfirm' : 'card.confirm')}
              </button>
              {!disputed && (
                <button
                  type="button"
                  onClick={() => report(act.dispute(card.id), t('card.disputed', { heading: helpers.headingFor('grey') }))}
                  aria-label={t('card.disputeItem', { heading: helpers.headingFor('grey'), label })}
                >
                  {t('card.dispute')}
                </button>
              )}
            </div>
          )}
          {mayChange && (
            <div className="card-actions">
              <button type="button" ref={editRef} onClick={() => setEditing('edit')} aria-label={t('card.editItem', { label })}>
                {t('common.edit')}
              </button>
              <button
                type="button"
                ref={moveRef}
                aria-expanded={menuOpen}
                aria-controls={menuId}
                onClick={() => setMenuOpen(!menuOpen)}
                aria-label={t('card.moveItem', { label })}
              >
                {t('card.move')}
              </button>
              <button
                type="button"
                onClick={() => {
                  if (report(act.removeCard(card.id))) helpers.offerUndo(card);
                }}
                aria-label={t('card.removeItem', { label })}
              >
                {t('common.remove')}
              </button>
            </div>
          )}
          {!readOnly && can.proposeChange(card) && !card.proposal && (
            <div className="card-actions">
              <button type="button" ref={editRef} onClick={() => setEditing('propose')} aria-label={t('card.askChangeItem', { label })}>
                {t('card.askChange')}
              </button>
            </div>
          )}
          {menuOpen && mayChange && (
            <MoveMenu
              id={menuId}
              card={card}
              index={index}
              count={count}
              headingFor={helpers.headingFor}
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

/** A change the author asked for on a confirmed item: the chair accepts or declines it. */
function Proposal({ card, isChair, settle }: { card: Card; isChair: boolean; settle: (accept: boolean) => void }): React.JSX.Element {
  const { t } = useT();
  return (
    <div className="proposal" role="group" aria-label={t('proposal.group')}>
      <p>
        <strong>{isChair ? t('proposal.asks', { name: card.author.name }) : t('proposal.waiting')}</strong>{' '}
        <Typed>{card.proposal?.text}</Typed>
      </p>
      {isChair && (
        <div className="card-actions">
          <button type="button" onClick={() => settle(true)}>
            {t('proposal.accept')}
          </button>
          <button type="button" onClick={() => settle(false)}>
            {t('proposal.decline')}
          </button>
        </div>
      )}
    </div>
  );
}

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
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
  }, []);
  return (
    // Escape anywhere in the menu closes it: the keys belong to the buttons inside this group.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- a keyboard shortcut of the group, not a control of its own
    <div
      id={id}
      ref={ref}
      className="move-menu"
      role="group"
      aria-label={t('move.group')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {index > 0 && (
        <button type="button" onClick={() => onShift(-1)}>
          {t('move.up')}
        </button>
      )}
      {index < count - 1 && (
        <button type="button" onClick={() => onShift(1)}>
          {t('move.down')}
        </button>
      )}
      {COLUMNS.filter((c) => c.id !== card.column).map((c) => (
        <button type="button" key={c.id} onClick={() => onMove(c.id)}>
          {t('move.to', { heading: headingFor(c.id) })}
        </button>
      ))}
      <button type="button" onClick={onClose}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

/**
 * Editing an item: saves only if the words changed, and if someone else changed the item while
 * this person was typing, shows their words and asks which to keep instead of overwriting them.
 */
function EditCard({
  text,
  label,
  submitLabel,
  save,
  onDone,
}: {
  text: string;
  label: string;
  submitLabel?: string;
  save: (base: string, text: string, force: boolean) => ActionResult;
  onDone: (saved: boolean) => void;
}): React.JSX.Element {
  const { t } = useT();
  const [base] = useState(text);
  const [draft, setDraft] = useState(text);
  const [error, setError] = useState<string | null>(null);
  const [theirs, setTheirs] = useState<string | null>(null);
  const id = useId();
  const submit = (force = false): void => {
    if (draft.trim() === base.trim() && !force) {
      onDone(false);
      return;
    }
    const result = save(base, draft, force);
    if (result.ok) onDone(true);
    else if (result.conflict) setTheirs(result.conflict.text ?? '');
    else setError(result.message);
  };
  return (
    <form
      className="edit-card"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={id}
        value={draft}
        // The person pressed Edit: the words they asked to change are where they type next.
        // eslint-disable-next-line jsx-a11y/no-autofocus -- focus follows the person's own Edit press, not a page load
        autoFocus
        rows={3}
        dir="auto"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onDone(false);
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <LanguageHints text={draft} onChange={setDraft} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {theirs !== null && (
        <ConflictNotice what={t('conflict.item')} theirs={[theirs]} keepMine={() => submit(true)} keepTheirs={() => onDone(false)} />
      )}
      <div className="card-actions">
        <button type="submit" className="primary">
          {submitLabel ?? t('common.save')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Which children an item is about, when there is more than one child. */
function ChildTags({ card, editable }: { card: Card; editable: boolean }): React.JSX.Element | null {
  const i18n = useT();
  const { t } = i18n;
  const { details } = useConference();
  const { act } = useConferenceActions();
  const groupId = useId();
  const children = details?.children ?? [];
  if (children.length < 2) return null;
  if (!editable) {
    return card.children.length ? (
      <span className="child-tags">
        <span>
          {t('tags.about')} <Typed>{i18n.list(card.children.map((i) => children[i]?.name ?? ''))}</Typed>
        </span>
      </span>
    ) : null;
  }
  // The chips are labelled in words ("About:"), so nobody has to guess what tapping a name does.
  return (
    <span className="child-tags" role="group" aria-labelledby={groupId}>
      <span id={groupId} className="tags-label">
        {t('tags.about')}
        <span className="visually-hidden"> {t('tags.group')}</span>
      </span>
      {children.map((child, i) => {
        const on = card.children.includes(i);
        return (
          <button
            key={i}
            type="button"
            className={`chip${on ? ' on' : ''}`}
            aria-pressed={on}
            onClick={() => act.setCardChildren(card.id, on ? card.children.filter((c) => c !== i) : [...card.children, i])}
          >
            <Typed>{child.name}</Typed>
          </button>
        );
      })}
    </span>
  );
}
