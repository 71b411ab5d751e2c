// The engine's wire contracts: ids, names, reasons, statuses, roles, decision records, job payloads and the inputs of
// operator actions, as zod schemas with their inferred types. Only zod here, so the console's browser code may
// import it too; everything else in the engine imports from it, never the other way round.
export * from './actor';
export * from './admin-actions';
export * from './batches';
export * from './decision-record';
export * from './definitions';
export * from './events';
export * from './ids';
export * from './input-problems';
export * from './instance-moves';
export * from './jobs';
export * from './json';
export * from './names';
export * from './operator-actions';
export * from './queries';
export * from './reason';
export * from './roles';
export * from './statuses';
export * from './task-inputs';
