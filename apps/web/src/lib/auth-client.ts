'use client';

import { createAuthClient } from 'better-auth/react';

/** Better Auth's browser client: sign-in and sign-out against /api/auth on this origin. */
export const authClient = createAuthClient();
