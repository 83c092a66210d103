import { addTranslations } from '@/shared/i18n';

export const fr = {
  statistics: {
    title: 'Statistiques', subtitle: 'L’activité sur 7, 30 ou 90 jours, campagne par campagne, et ce qui a échoué.',
    period: 'Période', days: '{{count}} jours',
    kpi: {
      sent: 'Envoyés', deliveryRate: 'Taux de remise', readRate: 'Taux de lecture', replyRate: 'Taux de réponse', failureRate: 'Taux d’échec', cost: 'Coût estimé',
      of: '{{n}} sur {{d}}',
    },
    activity: 'Activité par jour', activityHelp: 'Messages envoyés, remis, lus, réponses et échecs.',
    series: { sent: 'Envoyés', delivered: 'Remis', read: 'Lus', replied: 'Réponses', failed: 'Échecs', cost: 'Coût' },
    cost: 'Coût estimé par jour', costHelp: '{{price}} par message envoyé (les échecs ne sont pas facturés). Total sur la période\u00a0: {{total}}.',
    comparison: 'Comparaison des campagnes', comparisonHelp: 'Les taux des campagnes récentes côte à côte.',
    noCampaigns: 'Aucune campagne lancée pour l’instant.',
    campaign: 'Campagne', recipients: 'Destinataires', status: 'Statut',
    rates: { deliveryRate: 'Remise', readRate: 'Lecture', replyRate: 'Réponse', failureRate: 'Échec' },
    campaignStatus: { draft: 'Brouillon', scheduled: 'Programmée', sending: 'En cours', paused: 'En pause', completed: 'Terminée', stopped: 'Arrêtée' },
    failures: 'Échecs par code d’erreur', failuresHelp: 'Chaque code avec sa cause et la correction.',
    failuresScope: 'Portée', last24h: 'Tous les messages — dernières 24\u00a0h',
    noFailures: 'Aucun échec. 🎉', code: 'Code {{code}}', unknownCode: 'Sans code', count_one: '{{count}} message', count_other: '{{count}} messages',
  },
};

export const en: typeof fr = {
  statistics: {
    title: 'Statistics', subtitle: 'Activity over 7, 30 or 90 days, campaign by campaign, and what failed.',
    period: 'Period', days: '{{count}} days',
    kpi: {
      sent: 'Sent', deliveryRate: 'Delivery rate', readRate: 'Read rate', replyRate: 'Reply rate', failureRate: 'Failure rate', cost: 'Estimated cost',
      of: '{{n}} of {{d}}',
    },
    activity: 'Activity per day', activityHelp: 'Messages sent, delivered, read, replies and failures.',
    series: { sent: 'Sent', delivered: 'Delivered', read: 'Read', replied: 'Replies', failed: 'Failed', cost: 'Cost' },
    cost: 'Estimated cost per day', costHelp: '{{price}} per message sent (failures are not billed). Total for the period: {{total}}.',
    comparison: 'Campaigns compared', comparisonHelp: 'Rates of the latest campaigns side by side.',
    noCampaigns: 'No campaign launched yet.',
    campaign: 'Campaign', recipients: 'Recipients', status: 'Status',
    rates: { deliveryRate: 'Delivery', readRate: 'Read', replyRate: 'Reply', failureRate: 'Failure' },
    campaignStatus: { draft: 'Draft', scheduled: 'Scheduled', sending: 'Sending', paused: 'Paused', completed: 'Completed', stopped: 'Stopped' },
    failures: 'Failures by error code', failuresHelp: 'Each code with its cause and how to fix it.',
    failuresScope: 'Scope', last24h: 'All messages — last 24 h',
    noFailures: 'No failure. 🎉', code: 'Code {{code}}', unknownCode: 'No code', count_one: '{{count}} message', count_other: '{{count}} messages',
  },
};

addTranslations({ fr, en });
