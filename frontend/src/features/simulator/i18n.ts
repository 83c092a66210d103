import { addTranslations } from '@/shared/i18n';

export const fr = {
  simulator: {
    title: 'Simulateur', subtitle: 'Les téléphones simulés\u00a0: ce qu’ils ont reçu, leurs réponses, et comment ils se comportent.',
    phones: 'Numéros simulés', noPhones: 'Aucun numéro simulé pour l’instant\u00a0: lancez une campagne ou ajoutez un numéro.',
    add: 'Ouvrir un numéro', addLabel: 'Numéro au format international', addInvalid: 'Numéro au format international, par exemple +33612345678.',
    open: 'Ouvrir', messagesCount_one: '{{count}} message', messagesCount_other: '{{count}} messages',
    pick: 'Choisissez un numéro pour voir son téléphone.',
    phone: 'Téléphone de {{phone}}', received: 'Reçu', noMessages: 'Ce téléphone n’a encore rien reçu.',
    reply: 'Répondre en tant que ce contact', replyPlaceholder: 'Message…', send: 'Envoyer',
    replyHelp: 'La réponse passe par le webhook signé, comme un vrai message WhatsApp\u00a0: elle déclenche Message\u00a02.',
    sent: 'Message envoyé par {{phone}}.', webhook: 'Le webhook a répondu {{status}}.',
    behaviour: 'Comportement du numéro',
    behaviours: {
      ok: 'Normal (joint au sandbox)', not_joined: 'Pas joint au sandbox (63007)', not_on_whatsapp: 'Pas sur WhatsApp (63024)', unreachable: 'Injoignable (30003)',
    },
    behaviourHelp: {
      ok: 'Envoyé, remis puis lu.', not_joined: 'Twilio accepte puis l’envoi échoue\u00a0: le contact n’a pas envoyé «\u00a0join\u00a0».',
      not_on_whatsapp: 'Le numéro n’a pas WhatsApp\u00a0: échec définitif.', unreachable: 'Envoyé puis non remis (téléphone éteint).',
    },
    behaviourSaved: '{{phone}}\u00a0: {{behaviour}}.',
    template: 'Modèle {{sid}}', error: 'Erreur {{code}}',
  },
};

export const en: typeof fr = {
  simulator: {
    title: 'Simulator', subtitle: 'Simulated phones: what they received, their replies, and how they behave.',
    phones: 'Simulated numbers', noPhones: 'No simulated number yet: launch a campaign or add a number.',
    add: 'Open a number', addLabel: 'Number in international format', addInvalid: 'International format, for example +33612345678.',
    open: 'Open', messagesCount_one: '{{count}} message', messagesCount_other: '{{count}} messages',
    pick: 'Pick a number to see its phone.',
    phone: 'Phone of {{phone}}', received: 'Received', noMessages: 'This phone has received nothing yet.',
    reply: 'Reply as this contact', replyPlaceholder: 'Message…', send: 'Send',
    replyHelp: 'The reply goes through the signed webhook, like a real WhatsApp message: it triggers Message 2.',
    sent: 'Message sent by {{phone}}.', webhook: 'The webhook answered {{status}}.',
    behaviour: 'Number behaviour',
    behaviours: {
      ok: 'Normal (joined the sandbox)', not_joined: 'Not joined to the sandbox (63007)', not_on_whatsapp: 'Not on WhatsApp (63024)', unreachable: 'Unreachable (30003)',
    },
    behaviourHelp: {
      ok: 'Sent, delivered, then read.', not_joined: 'Twilio accepts, then sending fails: the contact never sent "join".',
      not_on_whatsapp: 'The number has no WhatsApp: permanent failure.', unreachable: 'Sent, then undelivered (phone off).',
    },
    behaviourSaved: '{{phone}}: {{behaviour}}.',
    template: 'Template {{sid}}', error: 'Error {{code}}',
  },
};

addTranslations({ fr, en });
