import { addTranslations } from '@/shared/i18n';

export const fr = {
  home: {
    newCampaign: 'Nouvelle campagne',
    period: 'Période',
    periods: { today: 'Aujourd’hui', '7d': '7 jours', '30d': '30 jours', '90d': '90 jours' },
    kpi: {
      sent: 'Messages envoyés', sentToday: '{{count}} aujourd’hui',
      deliveryRate: 'Taux de remise', deliveryDetail: '{{delivered}} remis sur {{attempted}}',
      contacts: 'Contacts', cost: 'Coût estimé', costDetail: '{{price}} par message envoyé',
      categories: 'Catégories', campaigns: 'Campagnes', activeCampaigns: '{{count}} en cours',
      readRate: 'lus\u00a0: {{rate}}', failed: '{{count}} échec(s)',
    },
    chart: 'Les 7 derniers jours', chartHelp: 'Messages envoyés, remis, lus et en échec par jour.',
    series: { sent: 'Envoyés', delivered: 'Remis', read: 'Lus', failed: 'Échecs', replied: 'Réponses' },
    statuses: 'Statuts des messages', statusesHelp: 'Messages sortants par statut actuel.', noMessages: 'Aucun message envoyé pour l’instant.',
    total: 'Total',
    recent: 'Derniers messages', recentEmpty: 'Aucun message pour l’instant. Lancez une première campagne\u00a0!',
    allMessages: 'Voir tous les messages',
    quota: 'Quota du jour', quotaHelp: '{{left}} message(s) restant(s) aujourd’hui.',
    levels: { OK: 'Normal', ATTENTION: 'Attention', DANGER: 'Danger', BLOCKED: 'Bloqué' },
    unknownContact: 'Contact inconnu',
  },
};

export const en: typeof fr = {
  home: {
    newCampaign: 'New campaign',
    period: 'Period',
    periods: { today: 'Today', '7d': '7 days', '30d': '30 days', '90d': '90 days' },
    kpi: {
      sent: 'Messages sent', sentToday: '{{count}} today',
      deliveryRate: 'Delivery rate', deliveryDetail: '{{delivered}} delivered of {{attempted}}',
      contacts: 'Contacts', cost: 'Estimated cost', costDetail: '{{price}} per message sent',
      categories: 'Categories', campaigns: 'Campaigns', activeCampaigns: '{{count}} running',
      readRate: 'read: {{rate}}', failed: '{{count}} failed',
    },
    chart: 'Last 7 days', chartHelp: 'Messages sent, delivered, read and failed per day.',
    series: { sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Failed', replied: 'Replies' },
    statuses: 'Message statuses', statusesHelp: 'Outbound messages by current status.', noMessages: 'No message sent yet.',
    total: 'Total',
    recent: 'Latest messages', recentEmpty: 'No message yet. Launch a first campaign!',
    allMessages: 'See all messages',
    quota: 'Today’s quota', quotaHelp: '{{left}} message(s) left today.',
    levels: { OK: 'Normal', ATTENTION: 'Attention', DANGER: 'Danger', BLOCKED: 'Blocked' },
    unknownContact: 'Unknown contact',
  },
};

addTranslations({ fr, en });
