import { maskSecretRefs } from '@switchyard/engine/spec';

/** Pretty JSON in a scrollable block; a `{ "$secret": name }` shows as "••• name". */
export function JsonView({ value, maxHeight = 420 }: { value: unknown; maxHeight?: number }) {
  return (
    <pre className="json" style={{ maxHeight }}>
      {JSON.stringify(maskSecretRefs(value), null, 2)}
    </pre>
  );
}
