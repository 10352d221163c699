export * from './eventually';
export * from './services';
export * from './api-client';
