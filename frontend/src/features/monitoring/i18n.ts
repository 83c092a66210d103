import { addTranslations } from '@/shared/i18n';

export const fr = {
  monitoring: {
    title: 'Monitoring', subtitle: 'L’état de l’envoi en direct\u00a0: quota, file, erreurs, webhook, instances.',
    checkedAt: 'Vérifié à {{time}}',
    status: { healthy: 'Tout va bien', degraded: 'Service dégradé', critical: 'Situation critique' },
    statusHelp: { healthy: 'Aucune alerte.', degraded: 'L’envoi continue, mais quelque chose demande votre attention\u00a0:', critical: 'L’envoi est arrêté ou en danger\u00a0:' },
    reasons: {
      'quota-blocked': 'Quota du jour atteint\u00a0: l’envoi reprend demain.',
      'quota-danger': 'Plus de 90\u00a0% du quota du jour est utilisé.',
      'queue-stalled': 'Un message attend depuis plus de 10\u00a0minutes.',
      'high-failure-rate': 'Plus de 20\u00a0% d’échecs sur la dernière heure.',
      'webhook-stale': 'Aucun rappel de statut reçu depuis 10\u00a0minutes alors que des messages sont partis.',
      'provider-unreachable': 'Le fournisseur (Twilio ou simulateur) ne répond pas.',
      'redis-unavailable': 'Redis est injoignable.',
    },
    quota: 'Quota du jour', quotaLeft: '{{left}} restant(s) sur {{limit}}', senders: 'Par numéro expéditeur',
    levels: { OK: 'Normal', ATTENTION: 'Attention', DANGER: 'Danger', BLOCKED: 'Bloqué' },
    rate: 'Débit d’envoi', perMinute: 'Messages par minute (dernière heure)', perSecondNow: 'Dernière minute\u00a0: {{rate}} message(s)/s',
    failureLastHour: 'Échecs sur la dernière heure\u00a0: {{rate}}',
    series: { sent: 'Envoyés', failed: 'Échecs' },
    queue: 'File d’envoi', depth: 'En attente', inFlight: 'En cours d’envoi', oldest: 'Plus ancien en attente',
    oldestAge: 'depuis {{age}}', emptyQueue: 'Rien en attente.', source: 'Source\u00a0: {{source}}',
    errors: 'Erreurs des dernières 24\u00a0h', noErrors: 'Aucune erreur ces dernières 24\u00a0heures.', code: 'Code', count: 'Nombre', explanation: 'Explication', unknownCode: 'Sans code',
    webhook: 'Webhook', lastCallback: 'Dernier rappel reçu', never: 'Aucun pour l’instant', age: 'il y a {{age}}',
    stale: 'Figé', fresh: 'À jour', rejected: 'Webhooks refusés', rejectedReason: { signature: 'signature invalide', account: 'autre compte Twilio' },
    provider: 'Fournisseur', providerState: { reachable: 'Joignable', unreachable: 'Injoignable', unknown: 'Inconnu' }, latency: '{{ms}}\u00a0ms',
    instances: 'Instances', instance: 'Instance', startedAt: 'Démarrée', lastBeat: 'Dernier battement', alive: 'Vivante', dead: 'Muette', liveClients: '{{count}} client(s) en direct sur cette instance',
    quotaChanged: 'Quota\u00a0: passage au niveau {{level}}',
  },
};

export const en: typeof fr = {
  monitoring: {
    title: 'Monitoring', subtitle: 'Sending, live: quota, queue, errors, webhook, instances.',
    checkedAt: 'Checked at {{time}}',
    status: { healthy: 'All good', degraded: 'Degraded', critical: 'Critical' },
    statusHelp: { healthy: 'No alert.', degraded: 'Sending goes on, but something needs your attention:', critical: 'Sending is stopped or at risk:' },
    reasons: {
      'quota-blocked': 'Today’s quota is used up: sending resumes tomorrow.',
      'quota-danger': 'Over 90% of today’s quota is used.',
      'queue-stalled': 'A message has been waiting for over 10 minutes.',
      'high-failure-rate': 'Over 20% failures in the last hour.',
      'webhook-stale': 'No status callback for 10 minutes although messages went out.',
      'provider-unreachable': 'The provider (Twilio or the simulator) does not answer.',
      'redis-unavailable': 'Redis is unreachable.',
    },
    quota: 'Today’s quota', quotaLeft: '{{left}} left of {{limit}}', senders: 'Per sender number',
    levels: { OK: 'Normal', ATTENTION: 'Attention', DANGER: 'Danger', BLOCKED: 'Blocked' },
    rate: 'Send rate', perMinute: 'Messages per minute (last hour)', perSecondNow: 'Last minute: {{rate}} message(s)/s',
    failureLastHour: 'Failures in the last hour: {{rate}}',
    series: { sent: 'Sent', failed: 'Failed' },
    queue: 'Send queue', depth: 'Waiting', inFlight: 'Being sent', oldest: 'Oldest waiting',
    oldestAge: 'for {{age}}', emptyQueue: 'Nothing waiting.', source: 'Source: {{source}}',
    errors: 'Errors in the last 24 h', noErrors: 'No error in the last 24 hours.', code: 'Code', count: 'Count', explanation: 'Explanation', unknownCode: 'No code',
    webhook: 'Webhook', lastCallback: 'Last callback received', never: 'None yet', age: '{{age}} ago',
    stale: 'Stale', fresh: 'Fresh', rejected: 'Rejected webhooks', rejectedReason: { signature: 'invalid signature', account: 'other Twilio account' },
    provider: 'Provider', providerState: { reachable: 'Reachable', unreachable: 'Unreachable', unknown: 'Unknown' }, latency: '{{ms}} ms',
    instances: 'Instances', instance: 'Instance', startedAt: 'Started', lastBeat: 'Last heartbeat', alive: 'Alive', dead: 'Silent', liveClients: '{{count}} live client(s) on this instance',
    quotaChanged: 'Quota: now at level {{level}}',
  },
};

addTranslations({ fr, en });
