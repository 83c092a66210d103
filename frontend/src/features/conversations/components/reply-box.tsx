import { Send } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '@/shared/api/problem';
import { Button } from '@/shared/components/ui/button';
import { Textarea } from '@/shared/components/ui/input';
import { useSendReply } from '../api/conversations';

const MAX = 1600;

/** A free reply (type "manual"), sent once; a refusal (window closed, opted out, quota) is explained under the box. */
export function ReplyBox({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [error, setError] = useState<{ title: string; detail?: string } | null>(null);
  const send = useSendReply(contactId);
  const text = body.trim();

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!text || text.length > MAX || send.isPending) return;
    setError(null);
    try {
      await send.mutateAsync(text);
      setBody('');
    } catch (err) {
      setError(problemMessage(err, t('errors.generic')));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-2">
      <div className="flex items-end gap-2">
        <label htmlFor={`reply-${contactId}`} className="sr-only">
          {t('conversations.reply')}
        </label>
        <Textarea
          id={`reply-${contactId}`}
          value={body}
          maxLength={MAX}
          rows={2}
          className="min-h-11 resize-none rounded-2xl"
          placeholder={t('conversations.replyPlaceholder')}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `reply-error-${contactId}` : undefined}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              void submit();
            }
          }}
        />
        <Button type="submit" disabled={!text || send.isPending} aria-label={send.isPending ? t('conversations.sending') : t('conversations.send')} className="size-11 shrink-0 rounded-full p-0">
          <Send className="size-4" aria-hidden />
        </Button>
      </div>
      {body.length > MAX * 0.9 && <p className="text-right text-xs text-muted tabular">{t('conversations.count', { count: body.length, max: MAX })}</p>}
      {error && (
        <div id={`reply-error-${contactId}`} role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-medium">{error.title}</p>
          {error.detail && <p>{error.detail}</p>}
        </div>
      )}
    </form>
  );
}
