import {
  Activity,
  BarChart3,
  LayoutDashboard,
  Megaphone,
  MessageSquare,
  MessagesSquare,
  ScrollText,
  Settings,
  Smartphone,
  Tags,
  UserCog,
  Users,
  type LucideIcon,
} from 'lucide-react';
import type { Role } from '@/shared/api/types';

export interface NavItem {
  to: string;
  label: string;
  icon: LucideIcon;
  superAdmin?: boolean;
  simulatorOnly?: boolean;
}

export const NAV_MAIN: NavItem[] = [
  { to: '/', label: 'nav.home', icon: LayoutDashboard },
  { to: '/categories', label: 'nav.categories', icon: Tags },
  { to: '/contacts', label: 'nav.contacts', icon: Users },
  { to: '/campaigns', label: 'nav.campaigns', icon: Megaphone },
  { to: '/messages', label: 'nav.messages', icon: MessageSquare },
  { to: '/conversations', label: 'nav.conversations', icon: MessagesSquare },
  { to: '/statistics', label: 'nav.statistics', icon: BarChart3 },
  { to: '/monitoring', label: 'nav.monitoring', icon: Activity },
];

export const NAV_ADMIN: NavItem[] = [
  { to: '/users', label: 'nav.users', icon: UserCog, superAdmin: true },
  { to: '/audit-log', label: 'nav.auditLog', icon: ScrollText, superAdmin: true },
  { to: '/settings', label: 'nav.settings', icon: Settings },
  { to: '/simulator', label: 'nav.simulator', icon: Smartphone, simulatorOnly: true },
];

/** The links this user may follow: super-admin pages are hidden from admins, the simulator when it is off. */
export function visibleNav(items: NavItem[], role: Role | string | undefined, simulator: boolean): NavItem[] {
  return items.filter((i) => (!i.superAdmin || role === 'super_admin') && (!i.simulatorOnly || simulator));
}
