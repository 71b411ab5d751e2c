/** The engine never reads the wall clock directly: tests and drills can pass their own. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
