'use client';

import { filterFromParams } from '@switchyard/engine/search';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

/**
 * The instance search filter as the URL holds it (see filterFromParams for the parameters): read it, change it.
 * Any change drops the page cursor, because the old page no longer belongs to the new result.
 */
export function useSearchUrl() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const { filter, errors } = useMemo(() => filterFromParams(new URLSearchParams(params.toString())), [params]);

  const update = useCallback(
    (mutate: (next: URLSearchParams) => void) => {
      const next = new URLSearchParams(params.toString());
      mutate(next);
      next.delete('cursor');
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );

  /** The filters as a query string, without the cursor: what a saved view stores. */
  const queryString = useMemo(() => {
    const copy = new URLSearchParams(params.toString());
    copy.delete('cursor');
    return copy.toString();
  }, [params]);

  return { params, filter, errors, update, queryString };
}
