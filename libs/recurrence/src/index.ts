export * from './recurrence.util';
export * from './schedule-input.util';
export * from './zoned-time.util';
