export * from './webhooks';
export * from './outbound-log';
export * from './alert-rules';
