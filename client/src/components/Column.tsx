import { memo, useMemo } from 'react';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { Author, Card, ColumnId } from '../../../shared/model/index.js';
import { useT } from '../i18n/store';
import { useConference } from '../conference/context';
import { AddCard } from './AddCard';
import { COLUMN_DROP_PREFIX, type BoardHelpers } from './Board';
import { CardItem } from './CardItem';

interface Props {
  author: Author;
  column: ColumnId;
  cards: readonly Card[];
  helpers: BoardHelpers;
  readOnly: boolean;
  confirmed: ReadonlySet<string>;
  disputed: ReadonlySet<string>;
}

export const Column = memo(function Column({ author, column, cards, helpers, readOnly, confirmed, disputed }: Props): React.JSX.Element {
  const { t, number } = useT();
  const wall = useConference().mode === 'projector';
  const { setNodeRef, isOver } = useDroppable({ id: `${COLUMN_DROP_PREFIX}${column}` });
  const heading = helpers.headingFor(column);
  const headingId = `column-${column}-heading`;
  // The same ids keep the same array: a new one would change the sortable context and render every item again.
  const idKey = cards.map((c) => c.id).join('\n');
  const ids = useMemo(() => (idKey === '' ? [] : idKey.split('\n')), [idKey]);
  return (
    <section
      id={`panel-${column}`}
      className={`column column-${column}${isOver ? ' is-over' : ''}`}
      aria-labelledby={headingId}
      data-column={column}
    >
      <header className="column-head">
        <h3 id={headingId}>{heading}</h3>
        <span className="count" aria-label={t('column.count', { count: cards.length })}>
          {number(cards.length)}
        </span>
      </header>
      <p className="hint">{t(`column.${column}.hint`)}</p>
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        {/* On the wall a full column scrolls by itself; it takes the focus so it can be scrolled with keys
            (a scrollable region must be reachable by keyboard: WCAG 2.1.1, axe's scrollable-region-focusable). */}
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling list, focusable so keys scroll it */}
        <ol ref={setNodeRef} className="cards" aria-label={t('column.items', { heading })} tabIndex={wall ? 0 : undefined}>
          {cards.map((card, index) => (
            <CardItem
              key={card.id}
              card={card}
              index={index}
              count={cards.length}
              helpers={helpers}
              readOnly={readOnly}
              confirmed={confirmed.has(card.id)}
              disputed={disputed.has(card.id)}
              family={author.role === 'family'}
            />
          ))}
        </ol>
      </SortableContext>
      {!readOnly && <AddCard column={column} heading={heading} />}
    </section>
  );
});
