import { useTranslation } from 'react-i18next';
import type { User } from '@/shared/api/types';
import { PageHeader } from '@/shared/components/layout/page-header';
import { Badge } from '@/shared/components/ui/badge';
import { Card, CardHeader } from '@/shared/components/ui/card';
import { formatDateTime } from '@/shared/lib/format';
import { ChangePasswordForm } from '../components/change-password-form';

export default function ProfilePage({ user }: { user: User }) {
  const { t } = useTranslation();
  const rows: Array<[string, React.ReactNode]> = [
    [t('users.fullName'), user.fullName || '—'],
    [t('users.email'), user.email],
    [t('users.role'), <Badge tone="info">{t(`roles.${user.role}`)}</Badge>],
    [t('users.lastLogin'), formatDateTime(user.lastLoginAt)],
  ];
  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.subtitle')} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title={t('profile.account')} />
          <dl className="divide-y divide-line px-5">
            {rows.map(([k, v]) => (
              <div key={k} className="flex items-center justify-between gap-4 py-3 text-sm">
                <dt className="text-muted">{k}</dt>
                <dd className="text-right font-medium text-ink">{v}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card>
          <CardHeader title={t('profile.security')} description={t('password.hint')} />
          <div className="p-5">
            <ChangePasswordForm />
          </div>
        </Card>
      </div>
    </>
  );
}
