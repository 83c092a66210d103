import '../i18n';
import { Send, Smartphone } from 'lucide-react';
import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveInvalidate } from '@/shared/api/live-queries';
import type { SimulatedMessage, SimulatorBehaviour } from '@/shared/api/types';
import { PageHeader } from '@/shared/components/layout/page-header';
import { StatusTicks } from '@/shared/components/messages/message-status';
import { Badge } from '@/shared/components/ui/badge';
import { Button } from '@/shared/components/ui/button';
import { Card, CardHeader } from '@/shared/components/ui/card';
import { Input } from '@/shared/components/ui/input';
import { Skeleton } from '@/shared/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/shared/components/ui/states';
import { toast } from '@/shared/components/ui/toast';
import { cn } from '@/shared/lib/cn';
import { formatTime } from '@/shared/lib/time';
import { BEHAVIOURS, usePhoneMessages, usePhones, useSetBehaviour, useSimulateInbound, type SimulatorSearch } from '../api/simulator';

interface SimulatorPageProps {
  search: SimulatorSearch;
  onSearch: (next: SimulatorSearch) => void;
}

const E164 = /^\+[1-9]\d{6,14}$/;

export default function SimulatorPage({ search, onSearch }: SimulatorPageProps) {
  const { t } = useTranslation();
  const phones = usePhones();
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState(false);
  // What the phones receive moves with the platform's own events.
  useLiveInvalidate('message.status', [['simulator']]);
  useLiveInvalidate('message.inbound', [['simulator']]);
  const selected = search.phone;

  function openDraft(e: FormEvent) {
    e.preventDefault();
    const phone = draft.replace(/[\s.-]/g, '');
    if (!E164.test(phone)) {
      setDraftError(true);
      return;
    }
    setDraftError(false);
    setDraft('');
    onSearch({ phone });
  }

  return (
    <>
      <PageHeader title={t('simulator.title')} description={t('simulator.subtitle')} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[18rem_1fr]">
        <Card className="min-w-0 self-start">
          <CardHeader title={t('simulator.phones')} />
          <form onSubmit={openDraft} className="space-y-1 border-b border-line p-3" noValidate>
            <div className="flex gap-2">
              <Input
                aria-label={t('simulator.addLabel')}
                placeholder="+33612345678"
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                aria-invalid={draftError || undefined}
                aria-describedby={draftError ? 'sim-add-error' : undefined}
              />
              <Button type="submit" variant="secondary">
                {t('simulator.open')}
              </Button>
            </div>
            {draftError && (
              <p id="sim-add-error" className="text-xs text-danger-strong">
                {t('simulator.addInvalid')}
              </p>
            )}
          </form>
          {phones.isError ? (
            <ErrorState error={phones.error} onRetry={() => void phones.refetch()} />
          ) : !phones.data ? (
            <div className="space-y-2 p-3" aria-busy="true">
              <Skeleton className="h-10 w-full" />
              <Skeleton className="h-10 w-full" />
            </div>
          ) : phones.data.length === 0 ? (
            <EmptyState icon={<Smartphone className="size-6" aria-hidden />} title={t('simulator.noPhones')} />
          ) : (
            <ul className="max-h-[28rem] overflow-y-auto" aria-label={t('simulator.phones')}>
              {phones.data.map((p) => (
                <li key={p.phone}>
                  <button
                    type="button"
                    onClick={() => onSearch({ phone: p.phone })}
                    aria-current={p.phone === selected ? 'true' : undefined}
                    className={cn('flex w-full items-center justify-between gap-2 border-b border-line px-4 py-2.5 text-left text-sm hover:bg-page', p.phone === selected && 'bg-emerald-50')}
                  >
                    <span>
                      <span className="block font-medium tabular text-ink">{p.phone}</span>
                      <span className="block text-xs text-muted">{t('simulator.messagesCount', { count: p.messageCount })}</span>
                    </span>
                    {p.behaviour !== 'ok' && <Badge tone="warning">{t(`simulator.behaviours.${p.behaviour}`, { defaultValue: p.behaviour }).replace(/\s*\(.*\)$/, '')}</Badge>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {selected ? (
          <PhoneView key={selected} phone={selected} behaviour={(phones.data?.find((p) => p.phone === selected)?.behaviour ?? 'ok') as SimulatorBehaviour} />
        ) : (
          <Card className="flex items-center justify-center p-10 text-sm text-muted">{t('simulator.pick')}</Card>
        )}
      </div>
    </>
  );
}

function PhoneView({ phone, behaviour }: { phone: string; behaviour: SimulatorBehaviour }) {
  const { t } = useTranslation();
  const messages = usePhoneMessages(phone);
  const setBehaviour = useSetBehaviour(phone);
  const inbound = useSimulateInbound(phone);
  const [body, setBody] = useState('');
  // The choice shows at once and holds while the server's list still says what it said before the
  // click: a list read already on its way (the page reads it again on every message event) must not
  // flip the switch back. Any other value from the server wins; a failed save falls back to it.
  const [choice, setChoice] = useState<{ value: SimulatorBehaviour; before: SimulatorBehaviour } | null>(null);
  const shown = choice && (setBehaviour.isPending || behaviour === choice.before) ? choice.value : behaviour;
  const scroller = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.data?.length]);

  async function reply(e: FormEvent) {
    e.preventDefault();
    const text = body.trim();
    if (!text) return;
    try {
      const res = await inbound.mutateAsync(text);
      setBody('');
      if (res.webhookStatus >= 300) toast.error(t('simulator.webhook', { status: res.webhookStatus }));
    } catch (err) {
      toast.problem(err, t('errors.generic'));
    }
  }

  async function change(b: SimulatorBehaviour) {
    setChoice({ value: b, before: behaviour });
    try {
      await setBehaviour.mutateAsync(b);
      toast.success(t('simulator.behaviourSaved', { phone, behaviour: t(`simulator.behaviours.${b}`) }));
    } catch (err) {
      setChoice(null);
      toast.problem(err, t('errors.generic'));
    }
  }

  return (
    <div className="grid min-w-0 grid-cols-1 gap-6 xl:grid-cols-[24rem_1fr]">
      <section aria-label={t('simulator.phone', { phone })} className="mx-auto w-full max-w-sm rounded-[2.5rem] border-[10px] border-gray-900 bg-gray-900 shadow-xl">
        <div className="overflow-hidden rounded-[1.8rem] bg-[#EFEAE2]">
          <div className="flex items-center gap-3 bg-[#075E54] px-4 pt-5 pb-3 text-white">
            <span aria-hidden className="flex size-9 items-center justify-center rounded-full bg-white/20">
              <Smartphone className="size-5" />
            </span>
            <div>
              <p className="text-sm font-semibold tabular">{phone}</p>
              <p className="text-xs text-white/80">WhatsApp</p>
            </div>
          </div>
          <div ref={scroller} className="h-[26rem] space-y-1.5 overflow-y-auto px-3 py-3" aria-live="polite">
            {messages.isError ? (
              <ErrorState error={messages.error} onRetry={() => void messages.refetch()} />
            ) : !messages.data ? (
              <Skeleton className="h-12 w-2/3" />
            ) : messages.data.length === 0 ? (
              <p className="pt-10 text-center text-sm text-muted">{t('simulator.noMessages')}</p>
            ) : (
              <ol className="space-y-1.5">
                {messages.data.map((m) => (
                  <PhoneBubble key={m.sid} m={m} />
                ))}
              </ol>
            )}
          </div>
          <form onSubmit={(e) => void reply(e)} className="flex items-center gap-2 bg-[#F0F2F5] p-2">
            <label htmlFor="sim-reply" className="sr-only">
              {t('simulator.reply')}
            </label>
            <input
              id="sim-reply"
              value={body}
              onChange={(e) => setBody(e.target.value)}
              maxLength={1600}
              placeholder={t('simulator.replyPlaceholder')}
              className="h-10 min-w-0 flex-1 rounded-full border border-line bg-white px-4 text-sm focus:border-primary focus:ring-2 focus:ring-primary/30 focus:outline-none"
            />
            <Button type="submit" className="size-10 shrink-0 rounded-full p-0" disabled={!body.trim() || inbound.isPending} aria-label={t('simulator.send')}>
              <Send className="size-4" aria-hidden />
            </Button>
          </form>
        </div>
      </section>
      <Card className="self-start">
        <CardHeader title={t('simulator.behaviour')} description={t('simulator.replyHelp')} />
        <fieldset className="space-y-2 p-5">
          <legend className="sr-only">{t('simulator.behaviour')}</legend>
          {BEHAVIOURS.map((b) => (
            <label key={b} className={cn('flex cursor-pointer items-start gap-3 rounded-lg border p-3 text-sm', shown === b ? 'border-primary bg-emerald-50' : 'border-line hover:bg-page')}>
              <input
                type="radio"
                name={`behaviour-${phone}`}
                value={b}
                checked={shown === b}
                onChange={() => void change(b)}
                className="mt-0.5 size-4 accent-emerald-700"
              />
              <span>
                <span className="block font-medium text-ink">{t(`simulator.behaviours.${b}`)}</span>
                <span className="block text-xs text-muted">{t(`simulator.behaviourHelp.${b}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </Card>
    </div>
  );
}

function PhoneBubble({ m }: { m: SimulatedMessage }) {
  const { t } = useTranslation();
  // From the phone's side: what the business sent arrives on the left, the contact's own messages on the right.
  const mine = m.direction === 'inbound';
  const failed = m.status === 'failed' || m.status === 'undelivered';
  return (
    <li className={cn('flex', mine ? 'justify-end' : 'justify-start')} data-direction={mine ? 'from-contact' : 'to-contact'}>
      <div className={cn('max-w-[85%] rounded-lg px-3 py-1.5 text-sm shadow-sm', mine ? 'rounded-tr-none bg-[#D9FDD3]' : 'rounded-tl-none bg-white', failed && 'opacity-70 ring-1 ring-red-300')}>
        <p className="whitespace-pre-wrap break-words text-ink">{m.body || (m.contentSid ? t('simulator.template', { sid: m.contentSid }) : '')}</p>
        {failed && m.errorCode !== null && <p className="mt-0.5 text-xs text-red-800">{t('simulator.error', { code: m.errorCode })}</p>}
        <p className="mt-0.5 flex items-center justify-end gap-1 text-[11px] text-gray-500">
          <time dateTime={m.dateCreated as string}>{formatTime(m.dateCreated as string)}</time>
          {!mine && <StatusTicks status={m.status} className="size-3.5" />}
        </p>
      </div>
    </li>
  );
}
