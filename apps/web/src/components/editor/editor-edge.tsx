'use client';

import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps } from '@xyflow/react';

export type EditorEdgeData = {
  event: string;
  guard?: string;
  tasks: string[];
  lane: number;
  self: boolean;
  problem: boolean;
  taken?: boolean;
};
export type EditorEdgeType = Edge<EditorEdgeData, 'editorTransition'>;

/** A curve from source to target; parallel transitions fan out by lane, a self-transition loops above its state. */
function route(
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  lane: number,
  self: boolean,
): { path: string; lx: number; ly: number } {
  if (self) {
    const h = 46 + lane * 26;
    const path = `M ${sx} ${sy} C ${sx + 40} ${sy - h}, ${tx - 40} ${ty - h}, ${tx} ${ty}`;
    return { path, lx: (sx + tx) / 2, ly: sy - h * 0.75 - 6 };
  }
  const mx = (sx + tx) / 2;
  const my = (sy + ty) / 2;
  const len = Math.hypot(tx - sx, ty - sy) || 1;
  // Alternate sides so lanes 1, 2, 3 … bend away from each other.
  const offset = lane === 0 ? 0 : (lane % 2 === 1 ? 1 : -1) * Math.ceil(lane / 2) * 34;
  const cx = mx + (-(ty - sy) / len) * offset * 2;
  const cy = my + ((tx - sx) / len) * offset * 2;
  return { path: `M ${sx} ${sy} Q ${cx} ${cy} ${tx} ${ty}`, lx: (mx + cx) / 2, ly: (my + cy) / 2 };
}

/** A transition on the editing canvas, labelled with its event, guard and tasks. */
export function EditorEdge({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  data,
  selected,
  markerEnd,
}: EdgeProps<EditorEdgeType>) {
  if (!data) return null;
  const { path, lx, ly } = route(sourceX, sourceY, targetX, targetY, data.lane, data.self);
  const cls = ['transition-edge', 'editor-edge'];
  if (selected) cls.push('editor-edge--selected');
  if (data.problem) cls.push('editor-edge--problem');
  if (data.taken) cls.push('transition-edge--taken');
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={cls.join(' ')} interactionWidth={18} />
      <EdgeLabelRenderer>
        <div
          className={`edge-label editor-edge-label${selected ? ' editor-edge-label--selected' : ''}${data.problem ? ' editor-edge-label--problem' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }}
          data-edge-uid={id}
          data-edge-event={data.event}
          data-selected={selected ? 'true' : 'false'}
        >
          <div className="edge-label__head">
            <span className="edge-label__event">{data.event || '(unnamed)'}</span>
            {data.guard && <span className="edge-label__guard">[{data.guard}]</span>}
          </div>
          {data.tasks.map((t) => (
            <div key={t} className="edge-label__task">
              {t}
            </div>
          ))}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
