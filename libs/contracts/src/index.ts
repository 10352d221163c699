import 'reflect-metadata';
export * from './envelope';
export * from './errors';
export * from './events';
export * from './validation';
export * from './requester';
export * from './tenants';
export * from './membership';
export * from './activities';
