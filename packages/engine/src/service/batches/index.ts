export * from './batch-actions';
export * from './batches';
export { BATCH_MAX_INSTANCES } from './instance-facts';
