import { scoreStats, type DangerPair, type Score } from '../../../../shared/model/index.js';
import { useConference } from '../../conference/context';
import { useT } from '../../i18n/store';
import { forFamily } from '../../i18n/words';

/** In a review, the scale's middle score last time, beside today's: "Last time (…): median 4 (2 to 6)". */
export function LastTime({ pair }: { pair: DangerPair }): React.JSX.Element | null {
  const i18n = useT();
  const { author } = useConference();
  const family = author.role === 'family';
  const last = pair.history[pair.history.length - 1];
  if (!last) return null;
  const date = i18n.date(last.date);
  return (
    <p className="last-time" data-testid="last-time">
      {last.median === null
        ? i18n.t(forFamily('lastTime.none', family), { date })
        : i18n.t(forFamily('lastTime.pro', family), { date, median: last.median, min: last.min ?? last.median, max: last.max ?? last.median })}
    </p>
  );
}

/**
 * The scale's middle score at every conference of the chain (initial → review 1 → … → today), as a
 * small chart with its words for a screen reader, and the same figures in a table.
 */
export function Trajectory({ pair, index, scores }: { pair: DangerPair; index: number; scores: Score[] }): React.JSX.Element | null {
  const i18n = useT();
  const { t } = i18n;
  const { author, details } = useConference();
  const family = author.role === 'family';
  if (pair.history.length === 0) return null;
  const today = scoreStats(scores.map((s) => s.value));
  const points = [
    ...pair.history.map((h, n) => ({
      label: n === 0 && h.kind !== 'review' ? t('trend.initial') : t('trend.review', { n }),
      date: h.date,
      median: h.median,
      min: h.min,
      max: h.max,
    })),
    { label: t('trend.today'), date: details?.date ?? '', median: today.median, min: today.min, max: today.max },
  ];
  const rtl = i18n.dir === 'rtl';
  const step = 240 / Math.max(points.length - 1, 1);
  const x = (i: number): number => (rtl ? 280 - i * step : 40 + i * step);
  const y = (v: number): number => 90 - v * 8;
  const scored = points.map((p, i) => ({ ...p, i })).filter((p) => p.median !== null);
  const words = i18n.list(
    points.map((p) =>
      t('trend.point', { when: `${p.label} (${i18n.date(p.date)})`, median: p.median === null ? t('trend.noScore') : i18n.number(p.median) }),
    ),
  );
  return (
    <figure className="trajectory" data-testid={`trajectory-${index}`}>
      <figcaption>
        <strong>{t(forFamily('trend.title', family))}</strong>
      </figcaption>
      <svg viewBox="0 0 320 120" role="img" aria-label={t('trend.label', { values: words })} className="trajectory-chart">
        <line x1={x(0) - 20 * (rtl ? -1 : 1)} y1={y(0)} x2={x(points.length - 1) + 20 * (rtl ? -1 : 1)} y2={y(0)} stroke="#505a5f" />
        {[0, 5, 10].map((v) => (
          <text key={v} x={rtl ? 310 : 10} y={y(v) + 4} fontSize={11} textAnchor="middle">
            {i18n.number(v)}
          </text>
        ))}
        <polyline
          points={scored.map((p) => `${x(p.i)},${y(p.median as number)}`).join(' ')}
          fill="none"
          stroke="#1d4f91"
          strokeWidth={2}
        />
        {scored.map((p) => (
          <g key={p.i}>
            <circle cx={x(p.i)} cy={y(p.median as number)} r={5} fill="#a4262c" />
            <text x={x(p.i)} y={y(p.median as number) - 9} fontSize={12} textAnchor="middle">
              {i18n.number(p.median as number)}
            </text>
          </g>
        ))}
        {points.map((p, i) => (
          <text key={i} x={x(i)} y={110} fontSize={11} textAnchor="middle">
            {p.label}
          </text>
        ))}
      </svg>
      <table className="scores trajectory-table">
        <caption className="visually-hidden">{t('trend.caption', { n: index + 1 })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('trend.conference')}</th>
            <th scope="col">{t('trend.date')}</th>
            <th scope="col">{t('trend.median')}</th>
            <th scope="col">{t('trend.range')}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p, i) => (
            <tr key={i}>
              <th scope="row">{p.label}</th>
              <td>{p.date ? i18n.date(p.date) : ''}</td>
              <td>{p.median === null ? t('trend.noScore') : i18n.number(p.median)}</td>
              <td>{p.min === null || p.max === null ? '' : `${i18n.number(p.min)}–${i18n.number(p.max)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
