'use client';

import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';

export type StateNodeData = { label: string; initial: boolean; final: boolean; current: boolean; visited: boolean };
export type StateNodeType = Node<StateNodeData, 'state'>;

/** A state: initial gets an entry dot, final a double border, current a strong accent. */
export function StateNode({ data }: NodeProps<StateNodeType>) {
  const classes = ['state-node'];
  if (data.final) classes.push('state-node--final');
  if (data.visited) classes.push('state-node--visited');
  if (data.current) classes.push('state-node--current');
  return (
    <div className={classes.join(' ')} data-state={data.label} data-current={data.current ? 'true' : 'false'} title={data.current ? `${data.label} (current state)` : data.label}>
      <Handle type="target" position={Position.Left} className="state-node__handle" isConnectable={false} />
      {data.initial && <span className="state-node__entry" aria-label="initial state" />}
      <span className="state-node__label">{data.label}</span>
      {data.current && <span className="state-node__pulse" aria-hidden />}
      <Handle type="source" position={Position.Right} className="state-node__handle" isConnectable={false} />
    </div>
  );
}
