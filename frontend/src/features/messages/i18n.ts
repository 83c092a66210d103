import { addTranslations } from '@/shared/i18n';

export const fr = {
  messages: {
    title: 'Messages', subtitle: 'Le journal de tous les messages, envoyés et reçus, du plus récent au plus ancien.',
    filters: {
      status: 'Statut', kind: 'Type', direction: 'Sens', campaign: 'Campagne', errorCode: 'Code d’erreur', period: 'Période',
      phone: 'Numéro', phonePlaceholder: '+33612345678', contact: 'Contact filtré', removeContact: 'Retirer le filtre contact', all: 'Tous', allFem: 'Toutes',
      periods: { today: 'Aujourd’hui', '24h': '24 dernières heures', '7d': '7 derniers jours', '30d': '30 derniers jours', '90d': '90 derniers jours' },
    },
    columns: { date: 'Date', contact: 'Contact', message: 'Message', kind: 'Type', status: 'Statut' },
    empty: 'Aucun message ne correspond à ces filtres.', emptyAll: 'Aucun message pour l’instant.',
    more: 'Plus de {{total}} messages\u00a0: affinez avec les filtres.',
    template: 'Modèle {{sid}}', media: '{{count}} pièce(s) jointe(s)', noText: '(sans texte)',
    detail: {
      title: 'Détail du message', events: 'Rappels de statut reçus', noEvents: 'Aucun rappel de statut reçu pour ce message.',
      status: 'Statut', kind: 'Type', direction: 'Sens', campaign: 'Campagne', contact: 'Contact', phone: 'Numéro', sid: 'Identifiant Twilio',
      attempts: 'Tentatives', created: 'Créé', sent: 'Envoyé', delivered: 'Remis', read: 'Lu', failed: 'Échec', received: 'Reçu',
      error: 'Erreur {{code}}', transient: 'passagère (nouvel essai automatique)', permanent: 'définitive',
      conversation: 'Ouvrir la conversation', body: 'Contenu',
    },
  },
};

export const en: typeof fr = {
  messages: {
    title: 'Messages', subtitle: 'Every message sent and received, newest first.',
    filters: {
      status: 'Status', kind: 'Type', direction: 'Direction', campaign: 'Campaign', errorCode: 'Error code', period: 'Period',
      phone: 'Phone', phonePlaceholder: '+33612345678', contact: 'Contact filter', removeContact: 'Remove the contact filter', all: 'All', allFem: 'All',
      periods: { today: 'Today', '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days' },
    },
    columns: { date: 'Date', contact: 'Contact', message: 'Message', kind: 'Type', status: 'Status' },
    empty: 'No message matches these filters.', emptyAll: 'No message yet.',
    more: 'Over {{total}} messages: narrow down with the filters.',
    template: 'Template {{sid}}', media: '{{count}} attachment(s)', noText: '(no text)',
    detail: {
      title: 'Message detail', events: 'Status callbacks received', noEvents: 'No status callback received for this message.',
      status: 'Status', kind: 'Type', direction: 'Direction', campaign: 'Campaign', contact: 'Contact', phone: 'Phone', sid: 'Twilio id',
      attempts: 'Attempts', created: 'Created', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Failed', received: 'Received',
      error: 'Error {{code}}', transient: 'transient (retried automatically)', permanent: 'permanent',
      conversation: 'Open the conversation', body: 'Content',
    },
  },
};

addTranslations({ fr, en });
