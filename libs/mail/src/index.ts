export * from './mail-message.entity';
export * from './mail-queue.options';
export * from './mail-queue.sql';
export * from './mail-render.util';
export * from './mail-sender';
export * from './mail-env';
