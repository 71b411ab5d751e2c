'use client';

import { filterFromParams } from '@switchyard/engine/search';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

export const filterKeys = ['definition', 'version', 'status', 'state', 'from', 'to', 'q', 'cursor', 'page'] as const;
export type FilterKey = (typeof filterKeys)[number];
export type Filters = Partial<Record<FilterKey, string>>;

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

  const setFilters = useCallback(
    (patch: Filters) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(patch)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      // A new filter starts again at page 1; the page number travels with the cursor so a shared link says which page it is.
      if (!('cursor' in patch)) {
        next.delete('cursor');
        next.delete('page');
      }
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );

  // Every filter the URL holds — these and the search bar's (conditions, waiting, tasks, errors) — read once.
  const query = useMemo(
    () => ({
      limit: 50,
      ...filterFromParams(new URLSearchParams(params.toString())).filter,
      ...(filters.cursor ? { cursor: filters.cursor } : {}),
    }),
    [params, filters.cursor],
  );

  return { filters, setFilters, query };
}
