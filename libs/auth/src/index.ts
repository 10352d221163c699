export * from './signing-keys';
export * from './access-token';
export * from './grants';
export * from './ability';
export * from './jwt.strategy';
export * from './auth.guard';
