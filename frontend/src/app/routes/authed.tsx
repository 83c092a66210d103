import { useQueryClient } from '@tanstack/react-query';
import { createRoute, Link, redirect, useNavigate } from '@tanstack/react-router';
import { ShieldAlert } from 'lucide-react';
import { lazy, Suspense, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { homeSearchSchema } from '@/features/home/api/search';
import { conversationsSearchSchema } from '@/features/conversations/api/search';
import { messagesSearchSchema } from '@/features/messages/api/search';
import { statisticsSearchSchema } from '@/features/statistics/api/search';
import { simulatorSearchSchema } from '@/features/simulator/api/search';
import { getAuditLogQueryOptions, auditSearchSchema } from '@/features/audit-log/api/get-audit-log';
import { campaignsSearchSchema, getCampaignQueryOptions, getCampaignsQueryOptions, recipientsSearchSchema } from '@/features/campaigns/api/campaigns';
import { getCategoriesQueryOptions, getCategoryQueryOptions, getMembersQueryOptions } from '@/features/categories/api/categories';
import { contactsSearchSchema, getContactQueryOptions, getContactsQueryOptions } from '@/features/contacts/api/contacts';
import { getQuotaQueryOptions, getWhatsAppSettingsQueryOptions } from '@/features/settings/api/get-settings';
import { getUsersQueryOptions, usersSearchSchema } from '@/features/users/api/get-users';
import { session } from '@/shared/api/session';
import type { User } from '@/shared/api/types';
import { z } from 'zod';
import { rootRoute } from './root';

// The shell (menus, drawer) is not needed to paint the sign-in page: it loads after signing in.
const AppShell = lazy(() => import('../layout/app-shell'));
const HomePage = lazy(() => import('@/features/home/routes/home-page'));
const UsersPage = lazy(() => import('@/features/users/routes/users-page'));
const AuditLogPage = lazy(() => import('@/features/audit-log/routes/audit-log-page'));
const SettingsPage = lazy(() => import('@/features/settings/routes/settings-page'));
const ProfilePage = lazy(() => import('@/features/profile/routes/profile-page'));
const ContactsPage = lazy(() => import('@/features/contacts/routes/contacts-page'));
const ContactDetailPage = lazy(() => import('@/features/contacts/routes/contact-detail-page'));
const ImportPage = lazy(() => import('@/features/contacts/routes/import-page'));
const CategoriesPage = lazy(() => import('@/features/categories/routes/categories-page'));
const CategoryDetailPage = lazy(() => import('@/features/categories/routes/category-detail-page'));
// Live pages (issue 17).
const MessagesPage = lazy(() => import('@/features/messages/routes/messages-page'));
const ConversationsPage = lazy(() => import('@/features/conversations/routes/conversations-page'));
const StatisticsPage = lazy(() => import('@/features/statistics/routes/statistics-page'));
const MonitoringPage = lazy(() => import('@/features/monitoring/routes/monitoring-page'));
const SimulatorPage = lazy(() => import('@/features/simulator/routes/simulator-page'));
const CampaignsPage = lazy(() => import('@/features/campaigns/routes/campaigns-page'));
const CampaignWizardPage = lazy(() => import('@/features/campaigns/routes/campaign-wizard-page'));
const CampaignDetailPage = lazy(() => import('@/features/campaigns/routes/campaign-detail-page'));

/** The signed-in user; the guard below makes sure there is one before any page of the shell renders. */
function useUser(): User {
  const state = useSyncExternalStore(session.subscribe, session.getState);
  if (state.status !== 'signed-in') throw new Error('no session');
  return state.user;
}

/** Every page of the shell: signed in (else sign-in, then back here), password changed if asked. */
export const authedRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'authed',
  beforeLoad: async ({ location }) => {
    const state = await session.ensure();
    if (state.status !== 'signed-in') {
      throw redirect({ to: '/sign-in', search: { redirect: location.href, reason: state.status === 'anonymous' && state.reason === 'expired' ? 'expired' : undefined } });
    }
    if (state.user.mustChangePassword) throw redirect({ to: '/password', search: { redirect: location.href } });
  },
  component: function AuthedLayout() {
    const state = useSyncExternalStore(session.subscribe, session.getState);
    const navigate = useNavigate();
    const queryClient = useQueryClient();
    useEffect(() => {
      if (state.status !== 'anonymous') return;
      // The session ended while on a page (expired, signed out here or in another tab): back to
      // sign-in, and after an expiry back to this page once signed in again.
      queryClient.clear();
      const here = window.location.pathname + window.location.search;
      const reason = state.reason;
      void navigate({ to: '/sign-in', search: { redirect: reason === 'signed-out' ? undefined : here, reason }, replace: true });
    }, [state, navigate, queryClient]);
    if (state.status !== 'signed-in') return null;
    const signOut = async () => {
      await session.signOut();
    };
    return (
      <Suspense fallback={<ShellPlaceholder />}>
        <AppShell user={state.user} onSignOut={() => void signOut()} />
      </Suspense>
    );
  },
});

/** The frame's outline while the shell's code arrives (once per visit): no blank flash, no layout shift. */
function ShellPlaceholder() {
  return (
    <div className="min-h-screen bg-page" aria-busy="true">
      <div className="fixed inset-y-0 left-0 hidden w-66 bg-sidebar lg:block" />
      <div className="h-16 border-b border-line bg-white lg:ml-66" />
    </div>
  );
}

function Forbidden() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col items-center gap-3 py-20 text-center">
      <ShieldAlert className="size-10 text-warning" aria-hidden />
      <p className="font-medium text-ink">{t('errors.forbidden')}</p>
      <Link to="/" className="text-sm font-medium text-primary-strong underline underline-offset-4">
        {t('errors.backHome')}
      </Link>
    </div>
  );
}

function SuperAdminOnly({ children }: { children: ReactNode }) {
  return useUser().role === 'super_admin' ? children : <Forbidden />;
}

const isSuperAdmin = () => {
  const s = session.getState();
  return s.status === 'signed-in' && s.user.role === 'super_admin';
};

const homeRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/',
  validateSearch: homeSearchSchema,
  component: function HomeRoute() {
    const search = homeRoute.useSearch();
    const navigate = homeRoute.useNavigate();
    return <HomePage user={useUser()} period={search.period ?? '7d'} onPeriod={(p) => void navigate({ search: { period: p === '7d' ? undefined : p }, replace: true })} />;
  },
});

const usersRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/users',
  validateSearch: usersSearchSchema,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => (isSuperAdmin() ? context.queryClient.prefetchQuery(getUsersQueryOptions(deps)) : undefined),
  component: function UsersRoute() {
    const search = usersRoute.useSearch();
    const navigate = usersRoute.useNavigate();
    return (
      <SuperAdminOnly>
        <UsersPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} currentUserId={useUser().id as string} />
      </SuperAdminOnly>
    );
  },
});

const auditLogRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/audit-log',
  validateSearch: auditSearchSchema,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => (isSuperAdmin() ? context.queryClient.prefetchQuery(getAuditLogQueryOptions(deps)) : undefined),
  component: function AuditLogRoute() {
    const search = auditLogRoute.useSearch();
    const navigate = auditLogRoute.useNavigate();
    return (
      <SuperAdminOnly>
        <AuditLogPage search={search} onSearch={(next) => void navigate({ search: next })} />
      </SuperAdminOnly>
    );
  },
});

const settingsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/settings',
  loader: ({ context }) =>
    Promise.all([
      context.queryClient.prefetchQuery(getWhatsAppSettingsQueryOptions()),
      context.queryClient.prefetchQuery(getQuotaQueryOptions()),
    ]),
  component: function SettingsRoute() {
    return <SettingsPage canSendTest={useUser().role === 'super_admin'} />;
  },
});

const profileRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/profile',
  component: function ProfileRoute() {
    return <ProfilePage user={useUser()} />;
  },
});

// Contacts, import, categories (issue 15).
const contactsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/contacts',
  validateSearch: contactsSearchSchema,
  loaderDeps: ({ search }) => search,
  // Not awaited: a new search shows at once in the URL and the page (the previous rows dimmed) while it loads.
  loader: ({ context, deps }) => void context.queryClient.prefetchQuery(getContactsQueryOptions(deps)),
  component: function ContactsRoute() {
    const navigate = contactsRoute.useNavigate();
    return <ContactsPage search={contactsRoute.useSearch()} onSearch={(next) => void navigate({ search: next, replace: true })} />;
  },
});
const importRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/contacts/import',
  validateSearch: z.object({ job: z.string().uuid().optional().catch(undefined), rows: z.number().int().min(0).optional().catch(undefined) }),
  component: function ImportRoute() {
    const { job, rows } = importRoute.useSearch();
    const navigate = importRoute.useNavigate();
    return <ImportPage jobId={job} rows={rows} onJob={(id, n) => void navigate({ search: { job: id, rows: id ? n : undefined } })} />;
  },
});
const contactRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/contacts/$contactId',
  loader: ({ context, params }) => context.queryClient.prefetchQuery(getContactQueryOptions(params.contactId)),
  component: function ContactRoute() {
    return <ContactDetailPage key={contactRoute.useParams().contactId} contactId={contactRoute.useParams().contactId} />;
  },
});
const categoriesRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/categories',
  loader: ({ context }) => context.queryClient.prefetchQuery(getCategoriesQueryOptions()),
  component: CategoriesPage,
});
const membersSearchSchema = z.object({ q: z.string().max(200).optional().catch(undefined), page: z.number().int().min(0).optional().catch(undefined) });
const categoryRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/categories/$categoryId',
  validateSearch: membersSearchSchema,
  loaderDeps: ({ search }) => search,
  loader: ({ context, params, deps }) =>
    Promise.all([
      context.queryClient.prefetchQuery(getCategoryQueryOptions(params.categoryId)),
      context.queryClient.prefetchQuery(getMembersQueryOptions(params.categoryId, deps.q ?? '', deps.page ?? 0)),
    ]),
  component: function CategoryRoute() {
    const { categoryId } = categoryRoute.useParams();
    const navigate = categoryRoute.useNavigate();
    return <CategoryDetailPage key={categoryId} categoryId={categoryId} search={categoryRoute.useSearch()} onSearch={(next) => void navigate({ search: next, replace: true })} />;
    },
  });

// Live pages (issue 17): messages log, conversations, statistics, monitoring, simulator.
const messagesRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/messages',
  validateSearch: messagesSearchSchema,
  component: function MessagesRoute() {
    const search = messagesRoute.useSearch();
    const navigate = messagesRoute.useNavigate();
    return <MessagesPage search={search} onSearch={(next) => void navigate({ search: next })} />;
  },
});

const conversationsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/conversations',
  validateSearch: conversationsSearchSchema,
  component: function ConversationsRoute() {
    const search = conversationsRoute.useSearch();
    const navigate = conversationsRoute.useNavigate();
    return <ConversationsPage search={search} onSearch={(next, replace) => void navigate({ search: next, replace })} />;
  },
});

const statisticsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/statistics',
  validateSearch: statisticsSearchSchema,
  component: function StatisticsRoute() {
    const search = statisticsRoute.useSearch();
    const navigate = statisticsRoute.useNavigate();
    return <StatisticsPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
  },
});

const monitoringRoute = createRoute({ getParentRoute: () => authedRoute, path: '/monitoring', component: () => <MonitoringPage /> });

const simulatorRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/simulator',
  validateSearch: simulatorSearchSchema,
  component: function SimulatorRoute() {
    const search = simulatorRoute.useSearch();
    const navigate = simulatorRoute.useNavigate();
    return <SimulatorPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
  },
});

// --- campaigns: the list, the wizard (new and edit), the live detail page ---
const campaignsRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/campaigns',
  validateSearch: campaignsSearchSchema,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => context.queryClient.prefetchQuery(getCampaignsQueryOptions(deps)),
  component: function CampaignsRoute() {
    const navigate = campaignsRoute.useNavigate();
    return (
      <CampaignsPage
        search={campaignsRoute.useSearch()}
        onSearch={(next) => void navigate({ search: next, replace: true })}
        onCreate={() => void navigate({ to: '/campaigns/new' })}
      />
    );
  },
});
const campaignNewRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/campaigns/new',
  component: function CampaignNewRoute() {
    const navigate = useNavigate();
    return <CampaignWizardPage onLaunched={(c) => void navigate({ to: '/campaigns/$id', params: { id: c.id as string } })} />;
  },
});
const campaignDetailRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/campaigns/$id',
  validateSearch: recipientsSearchSchema,
  loader: ({ context, params }) => context.queryClient.prefetchQuery(getCampaignQueryOptions(params.id)),
  component: function CampaignDetailRoute() {
    const { id } = campaignDetailRoute.useParams();
    const navigate = campaignDetailRoute.useNavigate();
    return (
      <CampaignDetailPage
        id={id}
        search={campaignDetailRoute.useSearch()}
        onSearch={(next) => void navigate({ search: next, replace: true })}
        onEdit={() => void navigate({ to: '/campaigns/$id/edit', params: { id } })}
        onDeleted={() => void navigate({ to: '/campaigns' })}
      />
    );
  },
});
const campaignEditRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/campaigns/$id/edit',
  component: function CampaignEditRoute() {
    const { id } = campaignEditRoute.useParams();
    const navigate = useNavigate();
    return <CampaignWizardPage id={id} onLaunched={(c) => void navigate({ to: '/campaigns/$id', params: { id: c.id as string } })} />;
  },
});

export const authedTree = authedRoute.addChildren([
  homeRoute,
  usersRoute,
  auditLogRoute,
  settingsRoute,
  profileRoute,
  campaignsRoute,
  campaignNewRoute,
  campaignDetailRoute,
  campaignEditRoute,
  contactsRoute,
  importRoute,
  contactRoute,
  categoriesRoute,
  categoryRoute,
  messagesRoute,
  conversationsRoute,
  statisticsRoute,
  monitoringRoute,
  simulatorRoute,
]);
