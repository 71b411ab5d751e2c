// Pure search helpers shared by the engine's service and the console (no I/O; safe in the browser).
export * from './filter-schema';
export * from './condition-syntax';
export * from './url-filter';
export * from './error-signature';
export * from './timeline-search';
export * from './timeline-align';
export * from './json-diff';
