export * from './signing-keys';
export * from './access-token';
export * from './grants';
export * from './ability';
export * from './bearer-token.strategy';
export * from './auth.guard';
export * from './trust-keys';
