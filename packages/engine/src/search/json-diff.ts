// A path-level diff of two JSON values, for comparing two instances' contexts: "customer.tier: silver → gold".

export interface JsonChange {
  /** Dot path ("" for the root itself); array elements by index. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  a?: unknown;
  b?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** Every leaf (or whole subtree, when the shapes differ) that is not the same in `a` and `b`, in path order. */
export function diffJson(a: unknown, b: unknown, path = '', out: JsonChange[] = [], limit = 1_000): JsonChange[] {
  if (out.length >= limit) return out;
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      if (!(key in b)) out.push({ path: join(path, key), kind: 'removed', a: a[key] });
      else if (!(key in a)) out.push({ path: join(path, key), kind: 'added', b: b[key] });
      else diffJson(a[key], b[key], join(path, key), out, limit);
    }
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= b.length) out.push({ path: join(path, i), kind: 'removed', a: a[i] });
      else if (i >= a.length) out.push({ path: join(path, i), kind: 'added', b: b[i] });
      else diffJson(a[i], b[i], join(path, i), out, limit);
    }
    return out;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, kind: 'changed', a, b });
  return out;
}
