export * from './search-instances';
export * from './timeline-search';
export * from './incidents';
export * from './saved-views';
export { escapeLike, instanceWhere } from './instance-where';
