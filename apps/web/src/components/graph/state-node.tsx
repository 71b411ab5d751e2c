'use client';

import type { InstanceStatus } from '@switchyard/engine/contracts';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';

/** How the current state is drawn: running accent, failed red, completed green, cancelled grey, or paused. */
export type CurrentTone = InstanceStatus | 'paused';
export type StateNodeData = {
  label: string;
  initial: boolean;
  final: boolean;
  current: boolean;
  tone?: CurrentTone | null;
  visited: boolean;
};
export type StateNodeType = Node<StateNodeData, 'state'>;

const toneTitle: Record<CurrentTone, string> = {
  running: 'current state',
  failed: 'the instance failed here',
  completed: 'the instance completed here',
  cancelled: 'the instance was cancelled here',
  paused: 'the instance is paused here: events are held until an operator resumes it',
};

/** A state: initial gets an entry dot, final a double border, current a strong colour by the instance's status. */
export function StateNode({ data }: NodeProps<StateNodeType>) {
  const tone = data.current ? (data.tone ?? 'running') : null;
  const classes = ['state-node'];
  if (data.final) classes.push('state-node--final');
  if (data.visited) classes.push('state-node--visited');
  if (data.current) classes.push('state-node--current');
  if (tone && tone !== 'running') classes.push(`state-node--${tone}`);
  return (
    <div
      className={classes.join(' ')}
      data-state={data.label}
      data-current={data.current ? 'true' : 'false'}
      data-tone={tone ?? undefined}
      title={tone ? `${data.label} (${toneTitle[tone]})` : data.label}
    >
      <Handle type="target" position={Position.Left} className="state-node__handle" isConnectable={false} />
      {data.initial && <span className="state-node__entry" aria-label="initial state" />}
      {tone === 'failed' && (
        <span className="state-node__mark" aria-label="failed">
          ✕
        </span>
      )}
      {tone === 'completed' && (
        <span className="state-node__mark" aria-label="completed">
          ✓
        </span>
      )}
      {tone === 'paused' && (
        <span className="state-node__mark" aria-label="paused">
          ‖
        </span>
      )}
      {tone === 'cancelled' && (
        <span className="state-node__mark" aria-label="cancelled">
          ⊘
        </span>
      )}
      <span className="state-node__label">{data.label}</span>
      {tone === 'running' && <span className="state-node__pulse" aria-hidden />}
      <Handle type="source" position={Position.Right} className="state-node__handle" isConnectable={false} />
    </div>
  );
}
