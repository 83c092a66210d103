import { Braces } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { forwardRef, useId, useImperativeHandle, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/shared/components/ui/button';
import { Textarea } from '@/shared/components/ui/input';
import { formatNumber } from '@/shared/lib/format';
import { useMessageVariables } from '../../api/lookups';
import { insertAt, measureMessage } from '../../lib/campaign-math';
import '../../i18n';

export const MAX_MESSAGE = 1600;

interface Props {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: string;
}

/** A message text: the count the API applies (an emoji counts 2), and a picker that inserts {{variables}} at the caret. */
export const MessageEditor = forwardRef<HTMLTextAreaElement, Props>(function MessageEditor({ label, value, onChange, error, hint }, outer) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(outer, () => ref.current as HTMLTextAreaElement);
  const vars = useMessageVariables();
  const m = measureMessage(value);
  const over = m.units > MAX_MESSAGE;

  function insert(name: string) {
    const el = ref.current;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const next = insertAt(value, start, end, `{{${name}}}`);
    onChange(next.text);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  }

  const item = 'flex cursor-pointer items-center justify-between gap-4 rounded-md px-3 py-2 text-sm text-ink outline-none data-[highlighted]:bg-page';
  return (
    <div className="space-y-1.5">
      <div className="flex items-end justify-between gap-2">
        <label htmlFor={id} className="block text-sm font-medium text-ink">
          {label}
        </label>
        <DropdownMenu.Root>
          <DropdownMenu.Trigger asChild>
            <Button variant="ghost" size="sm">
              <Braces className="size-4" aria-hidden />
              {t('campaigns.wizard.insertVariable')}
            </Button>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content align="end" sideOffset={4} className="z-50 max-h-72 min-w-56 overflow-y-auto rounded-lg border border-line bg-white p-1 shadow-lg">
              {(vars.data?.builtIn ?? ['first_name', 'last_name', 'phone']).map((v) => (
                <DropdownMenu.Item key={v} className={item} onSelect={() => insert(v)}>
                  <span>{t(`campaigns.variables.${v}`, { defaultValue: v })}</span>
                  <code className="text-xs text-muted">{`{{${v}}}`}</code>
                </DropdownMenu.Item>
              ))}
              {(vars.data?.attributes.length ?? 0) > 0 && <DropdownMenu.Separator className="my-1 h-px bg-line" />}
              {vars.data?.attributes.map((a) => (
                <DropdownMenu.Item key={a.name} className={item} onSelect={() => insert(a.name)}>
                  <code className="text-xs">{`{{${a.name}}}`}</code>
                  <span className="text-xs text-muted">{t('campaigns.wizard.attributeContacts', { count: a.contacts, n: formatNumber(a.contacts) })}</span>
                </DropdownMenu.Item>
              ))}
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      </div>
      <Textarea
        ref={ref}
        id={id}
        rows={5}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error || over ? true : undefined}
        aria-describedby={`${id}-count${error ? ` ${id}-error` : ''}`}
      />
      <div className="flex justify-between gap-3 text-xs">
        <p className="text-muted">{hint}</p>
        <p id={`${id}-count`} className={`shrink-0 tabular ${over ? 'font-medium text-danger-strong' : 'text-muted'}`} aria-live="polite">
          {t('campaigns.wizard.count', { n: formatNumber(m.units), max: formatNumber(MAX_MESSAGE) })}
          {m.emojis > 0 && ` · ${t('campaigns.wizard.emojis', { count: m.emojis })}`}
        </p>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-danger-strong">
          {error}
        </p>
      )}
    </div>
  );
});
