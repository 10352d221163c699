export * from './subjects';
export * from './auth.dto';
export * from './region.dto';
export * from './tenant.dto';
export * from './invitation.dto';
export * from './access.dto';
export * from './events';
export * from './tenants.client';
