import { EngineError } from '@switchyard/engine';
import { filterFromParams, type InstanceFilter } from '@switchyard/engine/search';

/**
 * The console's URL reading of the filters, for a query the API's schema has already checked field by field (so
 * an error left here is a defect, never something silently dropped).
 */
export function filterFromQuery(params: URLSearchParams): InstanceFilter {
  const { filter, errors } = filterFromParams(params);
  if (errors.length)
    throw new EngineError(
      'BAD_INPUT',
      `invalid filter: ${errors.join('; ')}`,
      errors.map((message) => ({ path: 'query', message })),
    );
  return filter;
}
