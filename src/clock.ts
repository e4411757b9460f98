/** Time is a dependency: the scheduler, the lock after the meeting start and the tests all ask this. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
