import { MessageCircle } from 'lucide-react';
import { cn } from '../../lib/cn';

export function Logo({ name, className, size = 'md' }: { name: string; className?: string; size?: 'sm' | 'md' }) {
  return (
    <div className={cn('flex items-center gap-2.5 text-lg font-semibold', className)}>
      <span className={cn('flex items-center justify-center rounded-lg bg-primary text-white', size === 'sm' ? 'size-8' : 'size-9')}>
        <MessageCircle className={size === 'sm' ? 'size-[18px]' : 'size-5'} aria-hidden />
      </span>
      {name}
    </div>
  );
}
