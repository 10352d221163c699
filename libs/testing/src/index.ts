export * from './eventually';
export * from './services';
export * from './api-client';
export * from './pg-client';
export * from './trust';
export * from './nats-server';
export * from './raw-request';
