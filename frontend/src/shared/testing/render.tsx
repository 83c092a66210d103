import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider, type AnyRoute } from '@tanstack/react-router';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Toaster } from '../components/ui/toast';

/** Renders with a fresh query client (no retries) and the toaster, as the app does. */
export function renderWithProviders(ui: ReactElement) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      {ui}
      <Toaster />
    </QueryClientProvider>,
  );
}

/** Renders a route tree in a memory router opened at {@code path}, with the providers above. */
export function renderRoutes(routeTree: AnyRoute, path = '/') {
  const router = createRouter({ routeTree, history: createMemoryHistory({ initialEntries: [path] }) });
  return { router, ...renderWithProviders(<RouterProvider router={router} />) };
}

/** Renders {@code page} as the only route of a memory router: for pages with links and route hooks. */
export function renderInRouter(page: ReactElement, path = '/') {
  return renderRoutes(createRootRoute({ component: () => page }), path);
}
