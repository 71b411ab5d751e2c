// Operator modifications of instances: pause and resume, move to a state, migrate to another version, batches.
export * from './pause';
export * from './move';
export * from './migrate';
