import { FileText } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '@/shared/components/ui/form-field';
import { Input, Select } from '@/shared/components/ui/input';
import { useMessageVariables } from '../../api/lookups';
import { useTemplates, type Template } from '../../api/templates';
import '../../i18n';

interface Props {
  sid: string;
  variables: Record<string, string>;
  onChange: (sid: string, variables: Record<string, string>, template?: Template) => void;
  errors: { sid?: string; variables?: Record<string, string | undefined> };
}

const FIXED = '__fixed__';

/** An approved template for Message 1, and each of its {{1}}, {{2}}… mapped to a contact field or a fixed text. */
export function TemplatePicker({ sid, variables, onChange, errors }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const templates = useTemplates(q, true);
  const vars = useMessageVariables();
  const fields = [...(vars.data?.builtIn ?? ['first_name', 'last_name', 'phone']), ...(vars.data?.attributes.map((a) => a.name) ?? [])];
  const chosen = templates.data?.find((x) => x.sid === sid);
  const keys = chosen ? chosen.variables.map((v) => v.key) : Object.keys(variables);
  const unavailable = templates.isError;

  function pick(next: Template | undefined) {
    if (!next) return onChange('', {});
    const mapped: Record<string, string> = {};
    next.variables.forEach((v, i) => (mapped[v.key] = variables[v.key] ?? (i === 0 ? '{{first_name}}' : '')));
    onChange(next.sid, mapped, next);
  }

  return (
    <div className="space-y-4">
      {unavailable ? (
        <FormField label={t('campaigns.wizard.contentSid')} hint={t('campaigns.wizard.contentSidHint')} error={errors.sid ? t(errors.sid) : undefined}>
          <Input value={sid} onChange={(e) => onChange(e.target.value.trim(), variables)} placeholder="HX…" />
        </FormField>
      ) : (
        <>
          <Input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('campaigns.wizard.searchTemplates')} aria-label={t('campaigns.wizard.searchTemplates')} />
          <div role="radiogroup" aria-label={t('campaigns.wizard.templates')} className="grid max-h-64 gap-2 overflow-y-auto sm:grid-cols-2">
            {templates.data?.length === 0 && <p className="text-sm text-muted">{t('campaigns.wizard.noTemplates')}</p>}
            {templates.data?.map((tpl) => (
              <button
                key={tpl.sid}
                type="button"
                role="radio"
                aria-checked={tpl.sid === sid}
                onClick={() => pick(tpl)}
                className={`rounded-lg border p-3 text-left text-sm ${tpl.sid === sid ? 'border-primary bg-emerald-50 ring-1 ring-primary' : 'border-line hover:bg-page'}`}
              >
                <span className="flex items-center gap-2 font-medium text-ink">
                  <FileText className="size-4 text-muted" aria-hidden />
                  {tpl.friendlyName}
                  <span className="text-xs font-normal text-muted uppercase">{tpl.language}</span>
                </span>
                <span className="mt-1 line-clamp-3 block text-muted">{tpl.body}</span>
              </button>
            ))}
          </div>
          {errors.sid && (
            <p role="alert" className="text-sm text-danger-strong">
              {t(errors.sid)}
            </p>
          )}
        </>
      )}
      {keys.length > 0 && (
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-ink">{t('campaigns.wizard.mapVariables')}</legend>
          {keys.map((key) => {
            const value = variables[key] ?? '';
            const field = /^\{\{([A-Za-z0-9_.-]+)}}$/.exec(value)?.[1];
            const mode = field && fields.includes(field) ? field : FIXED;
            const example = chosen?.variables.find((v) => v.key === key)?.example;
            const err = errors.variables?.[key];
            return (
              <div key={key} className="grid items-start gap-2 sm:grid-cols-[4rem_1fr_1fr]">
                <code className="pt-2.5 text-sm text-ink">{`{{${key}}}`}</code>
                <Select
                  aria-label={t('campaigns.wizard.variableSource', { key })}
                  value={mode}
                  onChange={(e) => onChange(sid, { ...variables, [key]: e.target.value === FIXED ? '' : `{{${e.target.value}}}` })}
                >
                  {fields.map((f) => (
                    <option key={f} value={f}>
                      {t(`campaigns.variables.${f}`, { defaultValue: f })}
                    </option>
                  ))}
                  <option value={FIXED}>{t('campaigns.wizard.fixedText')}</option>
                </Select>
                {mode === FIXED ? (
                  <div>
                    <Input
                      aria-label={t('campaigns.wizard.fixedValue', { key })}
                      value={value}
                      placeholder={example ?? ''}
                      aria-invalid={err ? true : undefined}
                      onChange={(e) => onChange(sid, { ...variables, [key]: e.target.value })}
                    />
                    {err && <p className="mt-1 text-sm text-danger-strong">{t(err)}</p>}
                  </div>
                ) : (
                  <p className="pt-2.5 text-xs text-muted">{example ? t('campaigns.wizard.example', { example }) : null}</p>
                )}
              </div>
            );
          })}
        </fieldset>
      )}
    </div>
  );
}
