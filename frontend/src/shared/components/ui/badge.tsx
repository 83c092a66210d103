import type { ReactNode } from 'react';
import { cn } from '../../lib/cn';

type Tone = 'success' | 'danger' | 'warning' | 'neutral' | 'info';
const tones: Record<Tone, string> = {
  success: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
  danger: 'bg-red-50 text-red-800 ring-red-600/20',
  warning: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  neutral: 'bg-gray-100 text-gray-700 ring-gray-500/20',
  info: 'bg-sky-50 text-sky-800 ring-sky-600/20',
};

/** A status as text on a tinted background (never colour alone). */
export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return (
    <span className={cn('inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', tones[tone])}>
      {children}
    </span>
  );
}
