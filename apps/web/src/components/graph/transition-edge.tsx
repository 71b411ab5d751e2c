'use client';

import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps } from '@xyflow/react';
import type { Point } from './layout';

export type TransitionEdgeData = {
  event: string;
  guard?: string;
  tasks: { type: string; name: string }[];
  points: Point[];
  label: { x: number; y: number; width: number; height: number };
  taken: number[];
  dimmed: boolean;
  /** On the transition that created the task whose failure stopped the instance: that task's name. */
  failedTask?: string | null;
};
export type TransitionEdgeType = Edge<TransitionEdgeData, 'transition'>;

function pathThrough(points: Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ');
}

/** A transition drawn along ELK's route, labelled with its event, guard, tasks and (when taken) order numbers. */
export function TransitionEdge({ id, data, markerEnd }: EdgeProps<TransitionEdgeType>) {
  if (!data || data.points.length < 2) return null;
  const taken = data.taken.length > 0;
  const { label } = data;
  return (
    <>
      <BaseEdge
        id={id}
        path={pathThrough(data.points)}
        markerEnd={markerEnd}
        className={`transition-edge${taken ? ' transition-edge--taken' : ''}${data.failedTask ? ' transition-edge--failed' : ''}`}
      />
      <EdgeLabelRenderer>
        <div
          className={`edge-label${taken ? ' edge-label--taken' : ''}${data.dimmed ? ' edge-label--dimmed' : ''}${data.failedTask ? ' edge-label--failed' : ''}`}
          style={{ transform: `translate(${label.x}px, ${label.y}px)`, width: label.width }}
          data-edge={id}
          data-failed={data.failedTask ? 'true' : undefined}
        >
          <div className="edge-label__head">
            {data.taken.map((n) => (
              <span key={n} className="edge-label__order" title={`transition #${n}`}>
                {n}
              </span>
            ))}
            <span className="edge-label__event">{data.event}</span>
            {data.guard && <span className="edge-label__guard">[{data.guard}]</span>}
          </div>
          {data.tasks.map((t) => {
            const failed = t.name === data.failedTask;
            return (
              <div
                key={`${t.type}:${t.name}`}
                className={`edge-label__task${failed ? ' edge-label__task--failed' : ''}`}
                data-testid={failed ? 'failed-task-badge' : undefined}
                title={failed ? `${t.name} failed` : undefined}
              >
                {failed && <span aria-label="failed">✕ </span>}
                <b>{t.type}</b> {t.name}
              </div>
            );
          })}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
