import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { LogOut, Menu, UserRound, X } from 'lucide-react';
import { Dialog as RadixDialog, DropdownMenu } from 'radix-ui';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWhatsAppSettings } from '@/features/settings/api/get-settings';
import type { User } from '@/shared/api/types';
import { LanguageSwitcher } from '@/shared/components/layout/language-switcher';
import { Logo } from '@/shared/components/layout/logo';
import { Skeleton } from '@/shared/components/ui/skeleton';
import { cn } from '@/shared/lib/cn';
import { NAV_ADMIN, NAV_MAIN, visibleNav, type NavItem } from './nav';
import { LiveIndicator } from './live-indicator';
import { ProviderBanner } from './provider-banner';

interface ShellProps {
  user: User;
  onSignOut: () => void;
}

function initials(user: User): string {
  const source: string = user.fullName?.trim() || user.email;
  return source
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => (p[0] ?? '').toUpperCase())
    .join('');
}

function NavLinks({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const { t } = useTranslation();
  return (
    <ul className="space-y-0.5">
      {items.map((item) => (
        <li key={item.to}>
          <Link
            to={item.to}
            onClick={onNavigate}
            activeOptions={{ exact: item.to === '/' }}
            className="group flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium text-gray-300 transition-colors hover:bg-sidebar-hover hover:text-white focus-visible:outline-offset-0"
            activeProps={{ className: '!bg-primary-strong !text-white', 'aria-current': 'page' }}
          >
            <item.icon className="size-[18px] shrink-0" aria-hidden />
            {t(item.label)}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Sidebar({ user, onSignOut, onNavigate }: ShellProps & { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const settings = useWhatsAppSettings();
  const simulator = settings.data?.provider === 'simulator';
  return (
    <div className="flex h-full flex-col bg-sidebar text-white">
      <Logo name={t('app.name')} size="sm" className="h-16 px-5" />
      <nav aria-label={t('nav.main')} className="flex-1 space-y-6 overflow-y-auto px-3 py-2">
        <NavLinks items={visibleNav(NAV_MAIN, user.role, simulator)} onNavigate={onNavigate} />
        <div>
          <p className="px-3 pb-2 text-xs font-semibold uppercase tracking-wider text-gray-400">{t('nav.administration')}</p>
          <NavLinks items={visibleNav(NAV_ADMIN, user.role, simulator)} onNavigate={onNavigate} />
        </div>
      </nav>
      <div className="border-t border-white/10 p-3">
        <Link
          to="/profile"
          onClick={onNavigate}
          className="flex items-center gap-3 rounded-lg px-2 py-2 hover:bg-sidebar-hover"
          activeProps={{ className: 'bg-sidebar-hover', 'aria-current': 'page' }}
        >
          <span aria-hidden className="flex size-9 shrink-0 items-center justify-center rounded-full bg-primary-strong text-sm font-semibold">
            {initials(user)}
          </span>
          <span className="min-w-0">
            <span className="block truncate text-sm font-medium">{user.fullName || user.email}</span>
            <span className="block truncate text-xs text-gray-400">{t(`roles.${user.role}`)}</span>
          </span>
        </Link>
        <button
          type="button"
          onClick={onSignOut}
          className="mt-1 flex w-full items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium text-gray-300 hover:bg-sidebar-hover hover:text-white"
        >
          <LogOut className="size-[18px]" aria-hidden />
          {t('nav.signOut')}
        </button>
      </div>
    </div>
  );
}

function UserMenu({ user, onSignOut }: ShellProps) {
  const { t } = useTranslation();
  const item = 'flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm text-ink outline-none data-[highlighted]:bg-page';
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="flex items-center gap-2 rounded-full p-0.5 hover:bg-black/5" aria-label={user.fullName || user.email}>
        <span aria-hidden className="flex size-8 items-center justify-center rounded-full bg-primary-strong text-xs font-semibold text-white">
          {initials(user)}
        </span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-60 rounded-lg border border-line bg-white p-1 shadow-lg">
          <div className="px-3 py-2">
            <p className="truncate text-sm font-medium text-ink">{user.fullName || user.email}</p>
            <p className="truncate text-xs text-muted">{user.email}</p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-line" />
          <DropdownMenu.Item asChild className={item}>
            <Link to="/profile">
              <UserRound className="size-4" aria-hidden />
              {t('nav.profile')}
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item className={item} onSelect={onSignOut}>
            <LogOut className="size-4" aria-hidden />
            {t('nav.signOut')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

function PageFallback() {
  return (
    <div className="space-y-4" aria-busy="true">
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-4 w-96 max-w-full" />
      <Skeleton className="h-64 w-full" />
    </div>
  );
}

/** The signed-in frame: a 264 px dark sidebar (a drawer on a phone), the header, the banner, the page. */
export default function AppShell({ user, onSignOut }: ShellProps) {
  const { t } = useTranslation();
  const [drawer, setDrawer] = useState(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  return (
    <div className="min-h-screen bg-page">
      <a href="#main" className="sr-only z-50 rounded bg-white px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
        {t('nav.skip')}
      </a>
      <aside className="fixed inset-y-0 left-0 hidden w-66 lg:block">
        <Sidebar user={user} onSignOut={onSignOut} />
      </aside>
      <RadixDialog.Root open={drawer} onOpenChange={setDrawer}>
        <RadixDialog.Portal>
          <RadixDialog.Overlay className="fixed inset-0 z-40 bg-gray-900/60 lg:hidden" />
          <RadixDialog.Content className="fixed inset-y-0 left-0 z-50 w-66 max-w-[85vw] lg:hidden" aria-describedby={undefined}>
            <RadixDialog.Title className="sr-only">{t('nav.menu')}</RadixDialog.Title>
            <Sidebar user={user} onSignOut={onSignOut} onNavigate={() => setDrawer(false)} />
            <RadixDialog.Close className="absolute top-4 -right-12 rounded-full bg-white p-2 text-ink" aria-label={t('nav.closeMenu')}>
              <X className="size-4" aria-hidden />
            </RadixDialog.Close>
          </RadixDialog.Content>
        </RadixDialog.Portal>
      </RadixDialog.Root>
      <div className="lg:pl-66">
        <header className="sticky top-0 z-30 flex h-16 items-center gap-3 border-b border-line bg-white/90 px-4 backdrop-blur sm:px-6">
          <button
            type="button"
            className="rounded-lg p-2 text-ink hover:bg-black/5 lg:hidden"
            onClick={() => setDrawer(true)}
            aria-label={t('nav.openMenu')}
            aria-expanded={drawer}
          >
            <Menu className="size-5" aria-hidden />
          </button>
          <div className="flex-1" />
          <LiveIndicator />
          <LanguageSwitcher />
          <UserMenu user={user} onSignOut={onSignOut} />
        </header>
        <ProviderBanner />
        <main id="main" tabIndex={-1} className={cn('mx-auto max-w-7xl px-4 py-6 sm:px-6 lg:px-8 focus:outline-none')}>
          <Suspense key={pathname} fallback={<PageFallback />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
