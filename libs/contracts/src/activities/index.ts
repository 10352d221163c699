export * from './subjects';
export * from './schedule.dto';
export * from './activity.dto';
export * from './session.dto';
export * from './attendance.dto';
export * from './public.dto';
export * from './events';
export * from './events.client';
