'use client';

import { absoluteTime } from '~/lib/format';

export interface ThroughputPoint {
  minute: string;
  started: number;
  completed: number;
  failed: number;
}

const series = [
  { key: 'started', color: 'var(--blue)', label: 'started' },
  { key: 'completed', color: 'var(--green)', label: 'completed' },
  { key: 'failed', color: 'var(--red)', label: 'failed' },
] as const;

const W = 720;
const H = 180;
const PAD = { top: 10, right: 12, bottom: 22, left: 36 };

/** Started / completed / failed instances per minute as lines, in plain SVG. */
export function ThroughputChart({ points }: { points: ThroughputPoint[] }) {
  const max = Math.max(1, ...points.flatMap((p) => [p.started, p.completed, p.failed]));
  const x = (i: number) => PAD.left + (i / Math.max(1, points.length - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const ticks = [0, Math.round(max / 2), max];
  const labelEvery = Math.max(1, Math.floor(points.length / 6));
  const totals = series.map((s) => points.reduce((sum, p) => sum + p[s.key], 0));
  return (
    <figure className="chart" style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label="Instances per minute">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="var(--grid)" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize="10" fill="var(--muted)">
              {t}
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          i % labelEvery === 0 ? (
            <text key={p.minute} x={x(i)} y={H - 6} textAnchor="middle" fontSize="10" fill="var(--muted)">
              {absoluteTime(p.minute).slice(11, 16)}
            </text>
          ) : null,
        )}
        {series.map((s) => (
          <polyline
            key={s.key}
            fill="none"
            stroke={s.color}
            strokeWidth="1.6"
            strokeLinejoin="round"
            points={points.map((p, i) => `${x(i)},${y(p[s.key])}`).join(' ')}
          />
        ))}
      </svg>
      <figcaption className="chart__legend" style={{ display: 'flex', gap: 16, fontSize: 12, color: 'var(--text-2)' }}>
        {series.map((s, i) => (
          <span key={s.key}>
            <span
              style={{
                display: 'inline-block',
                width: 10,
                height: 3,
                background: s.color,
                verticalAlign: 'middle',
                marginRight: 6,
              }}
            />
            {s.label} <b className="num">{totals[i]}</b>
          </span>
        ))}
        <span className="muted" style={{ marginLeft: 'auto' }}>
          per minute · max {max}
        </span>
      </figcaption>
    </figure>
  );
}
