import { useTranslation } from 'react-i18next';
import { Badge } from '@/shared/components/ui/badge';
import { Button } from '@/shared/components/ui/button';
import { Card, CardHeader } from '@/shared/components/ui/card';
import { Input, Select } from '@/shared/components/ui/input';
import { Table, Td, Th, Tr } from '@/shared/components/ui/table';
import { formatNumber } from '@/shared/lib/format';
import { IMPORT_FIELDS, type ImportPreview } from '../api/imports';
import type { Category } from '../api/contacts';
import { COUNTRIES, countryName } from './countries';
import '../i18n';

export interface WizardOptions {
  defaultCountry: string;
  duplicates: 'merge' | 'skip';
  /** '' none, 'new' a new category named newCategoryName, else a category id. */
  target: string;
  newCategoryName: string;
  dryRun: boolean;
}

interface MappingStepProps {
  preview: ImportPreview;
  mapping: Record<string, string>;
  onMapping: (next: Record<string, string>) => void;
  options: WizardOptions;
  onOptions: (next: WizardOptions) => void;
  categories: Category[];
  refreshing: boolean;
  starting: boolean;
  onStart: () => void;
  onCancel: () => void;
}

const tone = { ok: 'success', repaired: 'warning', duplicate: 'info', invalid: 'danger' } as const;

function separatorLabel(sep: string, t: (k: string) => string) {
  return sep === ';' ? t('imports.preview.semicolon') : sep === ',' ? t('imports.preview.comma') : sep === 'tab' ? t('imports.preview.tab') : sep;
}

/** The preview (encoding, separator), the column mapping (the server's suggestion first), the first rows' status, the options. */
export function MappingStep({ preview, mapping, onMapping, options, onOptions, categories, refreshing, starting, onStart, onCancel }: MappingStepProps) {
  const { t, i18n } = useTranslation();
  const hasPhone = Object.values(mapping).includes('phone');
  const newNameMissing = options.target === 'new' && !options.newCategoryName.trim();
  const firstValue = (index: number) => {
    const header = preview.headers[index];
    const row = preview.rows[0];
    if (!row || header === undefined) return '';
    const f = mapping[header];
    if (f === 'phone') return row.rawPhone;
    if (f === 'first_name') return row.firstName ?? '';
    if (f === 'last_name') return row.lastName ?? '';
    if (f === 'country') return row.country ?? '';
    if (f === 'categories') return row.categories.join(' | ');
    const key = preview.columns[index]?.attributeKey;
    return key ? (row.attributes[key] ?? '') : '';
  };
  return (
    <div className="space-y-6">
      <Card>
        <dl className="grid gap-4 p-5 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-muted">{t('imports.preview.file')}</dt>
            <dd className="truncate font-medium text-ink" title={preview.fileName}>{preview.fileName}</dd>
          </div>
          <div>
            <dt className="text-muted">{t('imports.preview.encoding')}</dt>
            <dd className="font-medium text-ink" data-testid="import-encoding">{preview.encoding}</dd>
          </div>
          <div>
            <dt className="text-muted">{t('imports.preview.separator')}</dt>
            <dd className="font-medium text-ink" data-testid="import-separator">{separatorLabel(preview.separator, t)}</dd>
          </div>
          <div>
            <dt className="text-muted">{t('imports.preview.rows')}</dt>
            <dd className="font-medium text-ink tabular">{formatNumber(preview.totalRows)}</dd>
          </div>
        </dl>
      </Card>

      <Card>
        <CardHeader title={t('imports.preview.mapping')} description={t('imports.preview.mappingHint')} />
        <Table label={t('imports.preview.mapping')}>
          <thead>
            <tr>
              <Th>{t('imports.preview.column')}</Th>
              <Th>{t('imports.preview.field')}</Th>
              <Th>{t('imports.preview.sample')}</Th>
            </tr>
          </thead>
          <tbody>
            {preview.headers.map((header, i) => (
              <Tr key={`${header}-${i}`}>
                <Td className="font-medium">{header || `#${i + 1}`}</Td>
                <Td>
                  <Select aria-label={`${t('imports.preview.field')} — ${header}`} className="w-52" value={mapping[header] ?? 'attribute'} onChange={(e) => onMapping({ ...mapping, [header]: e.target.value })}>
                    {IMPORT_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {t(`imports.fields.${f}`)}
                        {f === 'attribute' && preview.columns[i]?.attributeKey ? ` (${preview.columns[i]?.attributeKey})` : ''}
                      </option>
                    ))}
                  </Select>
                </Td>
                <Td className="max-w-60 truncate text-muted">{firstValue(i)}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
        {!hasPhone && <p className="px-5 py-3 text-sm text-danger-strong" role="alert">{t('imports.preview.noPhone')}</p>}
      </Card>

      <Card>
        <CardHeader title={t('imports.preview.firstRows')} description={refreshing ? t('imports.preview.refreshing') : undefined} />
        <div className={refreshing ? 'opacity-60' : undefined} aria-busy={refreshing} aria-live="polite">
          <Table label={t('imports.preview.firstRows')}>
            <thead>
              <tr>
                <Th className="w-16">{t('imports.preview.line')}</Th>
                <Th>{t('imports.preview.raw')}</Th>
                <Th>{t('imports.preview.result')}</Th>
                <Th>{t('imports.preview.name')}</Th>
                <Th>{t('imports.preview.status')}</Th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <Tr key={r.line}>
                  <Td className="tabular text-muted">{r.line}</Td>
                  <Td className="tabular">{r.rawPhone}</Td>
                  <Td className="tabular">{r.phone ?? '—'}</Td>
                  <Td>{[r.firstName, r.lastName].filter(Boolean).join(' ') || '—'}</Td>
                  <Td>
                    <div className="flex flex-col gap-0.5">
                      <span><Badge tone={tone[r.status]}>{t(`imports.rowStatus.${r.status}`)}</Badge></span>
                      {r.message && <span className="text-xs text-muted">{r.message}</span>}
                    </div>
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </div>
      </Card>

      <Card>
        <CardHeader title={t('imports.options.title')} />
        <div className="grid gap-5 p-5 md:grid-cols-2">
          <label className="space-y-1.5 text-sm font-medium text-ink">
            <span className="block">{t('imports.options.defaultCountry')}</span>
            <Select value={options.defaultCountry} onChange={(e) => onOptions({ ...options, defaultCountry: e.target.value })}>
              {COUNTRIES.map((c) => (
                <option key={c} value={c}>
                  {countryName(c, i18n.language)} ({c})
                </option>
              ))}
            </Select>
          </label>
          <fieldset className="space-y-1.5 text-sm">
            <legend className="mb-1.5 font-medium text-ink">{t('imports.options.duplicates')}</legend>
            {(['merge', 'skip'] as const).map((d) => (
              <label key={d} className="flex items-center gap-2 text-ink">
                <input type="radio" name="duplicates" value={d} className="size-4 accent-emerald-700" checked={options.duplicates === d} onChange={() => onOptions({ ...options, duplicates: d })} />
                {t(`imports.options.${d}`)}
              </label>
            ))}
          </fieldset>
          <label className="space-y-1.5 text-sm font-medium text-ink">
            <span className="block">{t('imports.options.target')}</span>
            <Select value={options.target} onChange={(e) => onOptions({ ...options, target: e.target.value })}>
              <option value="">{t('imports.options.noTarget')}</option>
              <option value="new">{t('imports.options.newCategory')}</option>
              {categories.map((c) => (
                <option key={c.id as string} value={c.id as string}>
                  {c.name}
                </option>
              ))}
            </Select>
          </label>
          {options.target === 'new' && (
            <label className="space-y-1.5 text-sm font-medium text-ink">
              <span className="block">{t('imports.options.newCategoryName')}</span>
              <Input value={options.newCategoryName} maxLength={100} onChange={(e) => onOptions({ ...options, newCategoryName: e.target.value })} />
            </label>
          )}
          <label className="flex items-center gap-3 text-sm text-ink md:col-span-2">
            <input type="checkbox" className="size-4 accent-emerald-700" checked={options.dryRun} onChange={(e) => onOptions({ ...options, dryRun: e.target.checked })} />
            {t('imports.options.dryRun')}
          </label>
        </div>
      </Card>

      <div className="flex flex-wrap justify-end gap-3">
        <Button variant="secondary" onClick={onCancel}>
          {t('imports.cancel')}
        </Button>
        <Button onClick={onStart} disabled={!hasPhone || newNameMissing || starting || refreshing}>
          {options.dryRun ? t('imports.startDry') : t('imports.start')}
        </Button>
      </div>
    </div>
  );
}
