import { createRoute, redirect, useNavigate } from '@tanstack/react-router';
import { lazy } from 'react';
import { z } from 'zod';
import { session } from '@/shared/api/session';
import type { User } from '@/shared/api/types';
import { redirectParam } from './redirect';
import { rootRoute } from './root';

const SignInPage = lazy(() => import('@/features/auth/routes/sign-in-page'));
const ForcedPasswordPage = lazy(() => import('@/features/profile/routes/forced-password-page'));

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: z.object({ redirect: redirectParam, reason: z.enum(['expired', 'signed-out']).optional().catch(undefined) }),
  beforeLoad: async ({ search }) => {
    const state = await session.ensure();
    if (state.status === 'signed-in') throw redirect({ to: state.user.mustChangePassword ? '/password' : (search.redirect ?? '/') });
  },
  component: function SignInRoute() {
    const { redirect: back, reason } = signInRoute.useSearch();
    const navigate = useNavigate();
    const done = (user: User) =>
      void navigate({ to: user.mustChangePassword ? '/password' : (back ?? '/'), search: user.mustChangePassword ? { redirect: back } : undefined, replace: true });
    return <SignInPage onSignedIn={done} reason={reason} />;
  },
});

export const passwordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/password',
  validateSearch: z.object({ redirect: redirectParam }),
  beforeLoad: async ({ location }) => {
    const state = await session.ensure();
    if (state.status !== 'signed-in') throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    if (!state.user.mustChangePassword) throw redirect({ to: '/' });
  },
  component: function PasswordRoute() {
    const { redirect: back } = passwordRoute.useSearch();
    const navigate = useNavigate();
    return (
      <ForcedPasswordPage
        onChanged={() => void navigate({ to: back ?? '/', replace: true })}
        onSignOut={() => void session.signOut().then(() => navigate({ to: '/sign-in', search: { reason: 'signed-out' } }))}
      />
    );
  },
});
