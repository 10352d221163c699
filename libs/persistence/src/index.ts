export * from './database-url.util';
export * from './tenant-owned.entity';
export * from './rls.util';
export * from './service-database';
export * from './migrate';
export * from './service-role.util';
export * from './cursor.util';
export * from './database-errors.util';
