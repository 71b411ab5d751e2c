import { z } from 'zod';
import { parseClusterNodes } from './connection';

/** `REDIS_CLUSTER_NODES=host:port,host:port` (the worker's and the console's): blank or unset means one Redis. */
export const redisClusterNodesEnv = z
  .string()
  .optional()
  .transform((value, ctx) => {
    try {
      return parseClusterNodes(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });
