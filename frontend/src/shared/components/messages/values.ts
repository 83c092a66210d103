// The message statuses and kinds of the API (kept apart from the components: route files read them to validate the URL).
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'undelivered', 'received'] as const;
export const MESSAGE_KINDS = ['message_1', 'message_2', 'reply', 'manual', 'test'] as const;
