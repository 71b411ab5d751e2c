'use client';

import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';

export type EditorNodeData = { label: string; initial: boolean; final: boolean; problem: boolean; active?: boolean };
export type EditorNodeType = Node<EditorNodeData, 'editorState'>;

/** A state on the editing canvas: the console's state-node look, with handles you can drag from. */
export function EditorStateNode({ data, selected }: NodeProps<EditorNodeType>) {
  const classes = ['state-node', 'editor-node'];
  if (data.final) classes.push('state-node--final');
  if (selected) classes.push('editor-node--selected');
  if (data.problem) classes.push('editor-node--problem');
  if (data.active) classes.push('state-node--current');
  return (
    <div className={classes.join(' ')} data-state={data.label} data-selected={selected ? 'true' : 'false'}>
      <Handle type="target" position={Position.Left} className="editor-handle editor-handle--target" />
      {data.initial && <span className="state-node__entry" aria-label="initial state" />}
      <span className="state-node__label">{data.label}</span>
      <Handle
        type="source"
        position={Position.Right}
        className="editor-handle editor-handle--source"
        data-testid={`handle-${data.label}`}
      />
    </div>
  );
}
