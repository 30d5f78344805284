import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'accounts:public';

/** Marks a route that needs no access token (health, bootstrap, sign-in). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
