/** Pretty JSON in a scrollable block. */
export function JsonView({ value, maxHeight = 420 }: { value: unknown; maxHeight?: number }) {
  return <pre className="json" style={{ maxHeight }}>{JSON.stringify(value, null, 2)}</pre>;
}
