import { cn } from '../../lib/cn';

/** A small row of mutually exclusive choices (a radio group that looks like tabs). */
export function Segmented<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: { value: T; label: string }[]; onChange: (v: T) => void }) {
  return (
    <div
      role="radiogroup"
      aria-label={label}
      className="inline-flex rounded-lg border border-line bg-white p-0.5 shadow-sm"
      onKeyDown={(e) => {
        // Arrow keys move the choice, as in any radio group.
        const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
        if (!step) return;
        e.preventDefault();
        const i = options.findIndex((o) => o.value === value);
        const next = options[(i + step + options.length) % options.length];
        if (!next) return;
        onChange(next.value);
        const buttons = e.currentTarget.querySelectorAll<HTMLButtonElement>('[role="radio"]');
        buttons[options.indexOf(next)]?.focus();
      }}
    >
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={o.value === value}
          tabIndex={o.value === value ? 0 : -1}
          onClick={() => onChange(o.value)}
          className={cn(
            'rounded-md px-3 py-1.5 text-sm font-medium transition-colors',
            o.value === value ? 'bg-primary-strong text-white' : 'text-muted hover:bg-page hover:text-ink',
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
