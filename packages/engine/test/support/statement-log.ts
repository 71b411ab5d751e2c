import type pg from 'pg';

/** One statement as a client sent it: a named (prepared) statement's name and text, or the plain SQL. */
export interface LoggedStatement {
  name: string | null;
  text: string;
}

type QueryArg = string | { name?: string; text: string };

/**
 * The same pool, but every statement run on a connection it hands out is logged first. Nothing is faked: the
 * statements reach Postgres unchanged; the log only lets a test compare which statements two code paths issue.
 */
export function loggingPool(pool: pg.Pool): { pool: pg.Pool; log: LoggedStatement[] } {
  const log: LoggedStatement[] = [];
  const logged = new Proxy(pool, {
    get(target, key) {
      if (key !== 'connect') return Reflect.get(target, key, target) as unknown;
      return async () => {
        const client = await target.connect();
        return new Proxy(client, {
          get(inner, innerKey) {
            const value = Reflect.get(inner, innerKey, inner) as unknown;
            if (innerKey !== 'query') return typeof value === 'function' ? value.bind(inner) : value;
            return (query: QueryArg, ...rest: unknown[]) => {
              log.push(
                typeof query === 'string'
                  ? { name: null, text: query }
                  : { name: query.name ?? null, text: query.text },
              );
              return (inner.query as (...args: unknown[]) => unknown)(query, ...rest);
            };
          },
        });
      };
    },
  });
  return { pool: logged, log };
}
