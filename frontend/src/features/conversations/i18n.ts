import { addTranslations } from '@/shared/i18n';

export const fr = {
  conversations: {
    title: 'Conversations', subtitle: 'Les contacts qui vous ont écrit, le plus récent d’abord. Répondez librement dans les 24\u00a0h qui suivent leur dernier message.',
    search: 'Rechercher une conversation', searchPlaceholder: 'Nom ou numéro…',
    empty: 'Aucun contact ne vous a encore écrit.', emptySearch: 'Aucune conversation ne correspond à «\u00a0{{q}}\u00a0».',
    unread_one: '{{count}} message non lu', unread_other: '{{count}} messages non lus',
    optedOut: 'Désinscrit', windowOpen: 'Fenêtre ouverte', windowClosed: 'Fenêtre fermée',
    pick: 'Choisissez une conversation pour l’afficher.', back: 'Retour aux conversations',
    thread: 'Fil de la conversation', noMessages: 'Aucun message avec ce contact.', you: 'Vous',
    template: 'Modèle', templateSid: 'Modèle {{sid}}', media: '{{count}} pièce(s) jointe(s)', noText: '(sans texte)', preparing: 'En préparation…',
    today: 'Aujourd’hui', yesterday: 'Hier',
    window: {
      open: 'Fenêtre de réponse ouverte\u00a0: encore {{left}}.', openUntil: 'Jusqu’à {{time}}.',
      closed: 'La fenêtre de 24\u00a0h est fermée\u00a0: ce contact n’a pas écrit depuis plus de 24\u00a0heures.',
      closedHelp: 'WhatsApp n’accepte plus de réponse libre. Pour le recontacter, envoyez un modèle approuvé par une campagne.',
      never: 'Ce contact ne vous a jamais écrit\u00a0: seul un modèle approuvé peut lui être envoyé, par une campagne.',
      optedOut: 'Ce contact s’est désinscrit (STOP)\u00a0: aucun message ne peut plus lui être envoyé.',
    },
    reply: 'Votre réponse', replyPlaceholder: 'Écrivez un message…', send: 'Envoyer', sending: 'Envoi…',
    sent: 'Réponse envoyée.', count: '{{count}}/{{max}}',
    openLog: 'Voir dans le journal des messages',
  },
};

export const en: typeof fr = {
  conversations: {
    title: 'Conversations', subtitle: 'Contacts who wrote to you, newest first. Reply freely within 24 h of their last message.',
    search: 'Search conversations', searchPlaceholder: 'Name or phone…',
    empty: 'No contact has written to you yet.', emptySearch: 'No conversation matches “{{q}}”.',
    unread_one: '{{count}} unread message', unread_other: '{{count}} unread messages',
    optedOut: 'Opted out', windowOpen: 'Window open', windowClosed: 'Window closed',
    pick: 'Pick a conversation to show it.', back: 'Back to conversations',
    thread: 'Conversation thread', noMessages: 'No message with this contact.', you: 'You',
    template: 'Template', templateSid: 'Template {{sid}}', media: '{{count}} attachment(s)', noText: '(no text)', preparing: 'Being prepared…',
    today: 'Today', yesterday: 'Yesterday',
    window: {
      open: 'Reply window open: {{left}} left.', openUntil: 'Until {{time}}.',
      closed: 'The 24 h window is closed: this contact has not written for over 24 hours.',
      closedHelp: 'WhatsApp no longer accepts a free reply. To reach them again, send an approved template through a campaign.',
      never: 'This contact never wrote to you: only an approved template can be sent, through a campaign.',
      optedOut: 'This contact opted out (STOP): no message can be sent to them any more.',
    },
    reply: 'Your reply', replyPlaceholder: 'Write a message…', send: 'Send', sending: 'Sending…',
    sent: 'Reply sent.', count: '{{count}}/{{max}}',
    openLog: 'See in the messages log',
  },
};

addTranslations({ fr, en });
