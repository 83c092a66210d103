import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { authedTree } from './routes/authed';
import { passwordRoute, signInRoute } from './routes/public';
import { rootRoute } from './routes/root';

const routeTree = rootRoute.addChildren([signInRoute, passwordRoute, authedTree]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent', defaultPreloadStaleTime: 0, scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
