export * from './subjects';
export * from './training.dto';
export * from './role.dto';
export * from './volunteer.dto';
export * from './shift.dto';
export * from './signup.dto';
export * from './events';
export * from './volunteering.client';
