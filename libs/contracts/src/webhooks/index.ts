export * from './subjects';
export * from './events';
