import { Fragment, type ReactNode } from 'react';
import type { Translator } from './translate';
import type { MessageKey, ParamNames } from './types';

/**
 * A message with parts that are elements (a number in bold, a name in <bdi>), filled into the
 * language's own template so each part lands where that language puts it.
 */
export function rich<K extends MessageKey>(t: Translator, key: K, values: Record<ParamNames<K>, ReactNode>, count?: number): ReactNode {
  const parts = t.template(key, count).split(/(\{\w+\})/);
  const filled = values as Record<string, ReactNode>;
  return parts.map((part, i) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name === undefined || !(name in filled)) return part ? <Fragment key={i}>{part}</Fragment> : null;
    const value = filled[name];
    return <Fragment key={i}>{typeof value === 'number' ? t.number(value) : value}</Fragment>;
  });
}

/** What a person typed, shown as written: its direction taken from its own first letter. */
export function Typed({ children }: { children: ReactNode }): React.JSX.Element {
  return <bdi>{children}</bdi>;
}
