import { memo } from 'react';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { columnInfo, type Author, type Card, type ColumnId } from '../../../shared/model/index.js';
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

export const Column = memo(function Column({
  author,
  column,
  cards,
  helpers,
  readOnly,
  confirmed,
  disputed,
}: Props): React.JSX.Element {
  const { setNodeRef, isOver } = useDroppable({ id: `${COLUMN_DROP_PREFIX}${column}` });
  const heading = helpers.headingFor(column);
  const headingId = `column-${column}-heading`;
  return (
    <section
      id={`panel-${column}`}
      className={`column column-${column}${isOver ? ' is-over' : ''}`}
      aria-labelledby={headingId}
      data-column={column}
    >
      <header className="column-head">
        <h3 id={headingId}>{heading}</h3>
        <span className="count" aria-label={`${cards.length} ${cards.length === 1 ? 'item' : 'items'}`}>
          {cards.length}
        </span>
      </header>
      <p className="hint">{columnInfo(column).hint}</p>
      <SortableContext items={cards.map((c) => c.id)} strategy={verticalListSortingStrategy}>
        <ol ref={setNodeRef} className="cards" aria-label={`Items in ${heading}`}>
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
