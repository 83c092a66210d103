import { CheckCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import '../../i18n';

/** A message as WhatsApp shows it: a green bubble on the chat's beige, with the time and ticks. */
export function WhatsAppBubble({ title, text, blank }: { title: string; text: string | null; blank?: string[] }) {
  const { t } = useTranslation();
  return (
    <figure className="rounded-xl bg-[#EFEAE2] p-3">
      <figcaption className="mb-2 text-xs font-medium text-gray-600">{title}</figcaption>
      {text === null ? (
        <p className="text-sm text-gray-600 italic">{t('campaigns.wizard.noPreview')}</p>
      ) : (
        <div className="ml-auto w-fit max-w-[85%] rounded-lg rounded-tr-none bg-[#D9FDD3] px-3 pt-2 pb-1 text-sm text-[#111B21] shadow-sm">
          <p className="whitespace-pre-wrap break-words">{text}</p>
          <p className="mt-0.5 flex items-center justify-end gap-1 text-[11px] text-gray-500">
            {new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date())}
            <CheckCheck className="size-3.5 text-sky-500" aria-label={t('campaigns.wizard.readTicks')} />
          </p>
        </div>
      )}
      {blank && blank.length > 0 && (
        <p className="mt-2 text-xs text-amber-800">{t('campaigns.wizard.blankForContact', { vars: blank.join(', ') })}</p>
      )}
    </figure>
  );
}
