const shortcuts: [string, string][] = [
  ['N', 'new state'],
  ['E', 'rename selection'],
  ['F', 'toggle final'],
  ['I', 'set initial'],
  ['Del', 'delete selection'],
  ['Ctrl Z', 'undo'],
  ['Ctrl ⇧ Z', 'redo'],
  ['Esc', 'deselect'],
];

/** The editor's keyboard shortcuts, always visible under the canvas. */
export function ShortcutLegend() {
  return (
    <div className="shortcut-legend" aria-label="Keyboard shortcuts">
      {shortcuts.map(([key, what]) => (
        <span key={key}>
          <kbd>{key}</kbd> {what}
        </span>
      ))}
      <span className="muted">Drag from a state&apos;s right dot to another state to add a transition.</span>
    </div>
  );
}
