'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

export const filterKeys = ['definition', 'version', 'status', 'state', 'from', 'to', 'q', 'cursor'] as const;
export type FilterKey = (typeof filterKeys)[number];
export type Filters = Partial<Record<FilterKey, string>>;
const statuses = ['running', 'failed', 'completed', 'cancelled'] as const;

/** Instance list filters live in the URL so a view can be shared; changing a filter drops the cursor. */
export function useInstanceFilters() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => {
    const f: Filters = {};
    for (const key of filterKeys) {
      const value = params.get(key);
      if (value) f[key] = value;
    }
    return f;
  }, [params]);

  const setFilters = useCallback((patch: Filters) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('cursor' in patch)) next.delete('cursor');
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }, [params, pathname, router]);

  const query = useMemo(() => {
    const version = filters.version ? Number.parseInt(filters.version, 10) : NaN;
    const status = statuses.find((s) => s === filters.status);
    const date = (v: string | undefined) => (v && !Number.isNaN(new Date(v).getTime()) ? new Date(v).toISOString() : undefined);
    return {
      limit: 50,
      ...(filters.definition ? { definitionKey: filters.definition } : {}),
      ...(version > 0 ? { definitionVersion: version } : {}),
      ...(status ? { status } : {}),
      ...(filters.state ? { stateValue: filters.state } : {}),
      ...(date(filters.from) ? { createdFrom: date(filters.from) } : {}),
      ...(date(filters.to) ? { createdTo: date(filters.to) } : {}),
      ...(filters.q ? { search: filters.q } : {}),
      ...(filters.cursor ? { cursor: filters.cursor } : {}),
    };
  }, [filters]);

  return { filters, setFilters, query };
}
