import { CheckCircle2, X, XCircle } from 'lucide-react';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../api/problem';

type Tone = 'success' | 'error';
interface ToastItem {
  id: number;
  tone: Tone;
  title: string;
  detail?: string;
}

let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

function dismiss(id: number) {
  items = items.filter((i) => i.id !== id);
  emit();
}

function push(tone: Tone, title: string, detail?: string) {
  const id = nextId++;
  items = [...items.slice(-3), { id, tone, title, detail }];
  emit();
  setTimeout(() => dismiss(id), tone === 'error' ? 8000 : 5000);
}

export const toast = {
  success: (title: string, detail?: string) => push('success', title, detail),
  error: (title: string, detail?: string) => push('error', title, detail),
  /** A failed action: the server's title and detail, or the fallback. */
  problem(error: unknown, fallback: string) {
    const m = problemMessage(error, fallback);
    push('error', m.title, m.detail);
  },
};

export function Toaster() {
  const { t } = useTranslation();
  const list = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => items,
  );
  return (
    <div aria-live="polite" role="region" aria-label="Notifications" className="pointer-events-none fixed bottom-4 right-4 z-[60] flex w-[min(24rem,calc(100vw-2rem))] flex-col gap-2">
      {list.map((item) => (
        <div
          key={item.id}
          role={item.tone === 'error' ? 'alert' : 'status'}
          className="pointer-events-auto flex items-start gap-3 rounded-lg border border-line bg-white p-4 shadow-lg"
        >
          {item.tone === 'success' ? (
            <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-primary-strong" aria-hidden />
          ) : (
            <XCircle className="mt-0.5 size-5 shrink-0 text-danger-strong" aria-hidden />
          )}
          <div className="min-w-0 flex-1">
            <p className="text-sm font-medium text-ink">{item.title}</p>
            {item.detail && <p className="mt-0.5 text-sm text-muted">{item.detail}</p>}
          </div>
          <button type="button" onClick={() => dismiss(item.id)} className="rounded p-0.5 text-muted hover:text-ink" aria-label={t('common.close')}>
            <X className="size-4" aria-hidden />
          </button>
        </div>
      ))}
    </div>
  );
}
