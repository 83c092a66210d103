import { useTranslation } from 'react-i18next';
import type { User } from '@/shared/api/types';
import { ComingSoon } from '@/shared/components/layout/coming-soon';

/** The dashboard's KPIs come with the next issue; the welcome is here already. */
export default function HomePage({ user }: { user: User }) {
  const { t } = useTranslation();
  const name = user.fullName?.split(' ')[0] || user.email;
  return (
    <ComingSoon title={t('nav.home')} heading={t('home.welcome', { name })} description={t('home.subtitle')} />
  );
}
