import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'hearth:public';

/** Marks a route that needs no sign-in (login, accept an invitation, health, public pages). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
