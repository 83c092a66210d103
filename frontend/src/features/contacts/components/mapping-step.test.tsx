import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/shared/testing/render';
import type { ImportPreview } from '../api/imports';
import { MappingStep, type WizardOptions } from './mapping-step';

const preview: ImportPreview = {
  fileName: 'contacts_excel_fr_cp1252.csv',
  fileSize: 1432,
  encoding: 'Windows-1252',
  separator: ';',
  headers: ['Prénom', 'Nom', 'Téléphone', 'Catégorie', 'Ville'],
  suggestedMapping: { Prénom: 'first_name', Nom: 'last_name', Téléphone: 'phone', Catégorie: 'categories', Ville: 'attribute' },
  columns: [
    { index: 0, header: 'Prénom', field: 'first_name', attributeKey: null as unknown as string },
    { index: 1, header: 'Nom', field: 'last_name', attributeKey: null as unknown as string },
    { index: 2, header: 'Téléphone', field: 'phone', attributeKey: null as unknown as string },
    { index: 3, header: 'Catégorie', field: 'categories', attributeKey: null as unknown as string },
    { index: 4, header: 'Ville', field: 'attribute', attributeKey: 'ville' },
  ],
  totalRows: 25,
  rows: [
    { line: 2, status: 'ok', rawPhone: '+33 6 39 98 19 21', phone: '+33639981921', country: 'FR', firstName: 'Élodie', lastName: 'Gbaguidi', categories: ['Prospects'], attributes: { ville: 'Abidjan' }, existing: false, reason: null, message: null },
    { line: 3, status: 'repaired', rawPhone: '97 12 34 56', phone: '+2290197123456', country: 'BJ', firstName: 'Koffi', lastName: 'Zinsou', categories: [], attributes: {}, existing: false, reason: null, message: 'Ancien numéro béninois réparé' },
    { line: 4, status: 'invalid', rawPhone: '12', phone: null, country: null, firstName: 'Awa', lastName: null, categories: [], attributes: {}, existing: false, reason: 'too_short', message: 'Numéro trop court' },
  ],
};

const OPTIONS: WizardOptions = { defaultCountry: 'FR', duplicates: 'merge', target: '', newCategoryName: '', dryRun: false };

function Harness({ onStart, onMapping }: { onStart: () => void; onMapping: (m: Record<string, string>) => void }) {
  const [mapping, setMapping] = useState<Record<string, string>>(preview.suggestedMapping as Record<string, string>);
  const [options, setOptions] = useState(OPTIONS);
  return (
    <MappingStep
      preview={preview}
      mapping={mapping}
      onMapping={(m) => {
        onMapping(m);
        setMapping(m);
      }}
      options={options}
      onOptions={setOptions}
      categories={[{ id: 'c1', name: 'Clients', colour: '#10B981', description: '', contactCount: 0, createdAt: '', updatedAt: '' }]}
      refreshing={false}
      starting={false}
      onStart={onStart}
      onCancel={vi.fn()}
    />
  );
}

describe('the mapping step', () => {
  it('shows what was detected and the server’s suggested mapping', () => {
    renderWithProviders(<Harness onStart={vi.fn()} onMapping={vi.fn()} />);
    expect(screen.getByTestId('import-encoding')).toHaveTextContent('Windows-1252');
    expect(screen.getByTestId('import-separator')).toHaveTextContent('point-virgule (;)');
    expect(screen.getByLabelText('Champ — Téléphone')).toHaveValue('phone');
    expect(screen.getByLabelText('Champ — Prénom')).toHaveValue('first_name');
    expect(screen.getByLabelText('Champ — Ville')).toHaveValue('attribute');
    expect(screen.getByRole('option', { name: 'Attribut (ville)' })).toBeInTheDocument();
  });

  it('shows each first row’s status and the server’s reason', () => {
    renderWithProviders(<Harness onStart={vi.fn()} onMapping={vi.fn()} />);
    expect(screen.getByText('Valide')).toBeInTheDocument();
    expect(screen.getByText('Réparé')).toBeInTheDocument();
    expect(screen.getByText('+2290197123456')).toBeInTheDocument();
    expect(screen.getByText('Refusé')).toBeInTheDocument();
    expect(screen.getByText('Numéro trop court')).toBeInTheDocument();
  });

  it('changes a column’s field, and will not start without a phone column', async () => {
    const onStart = vi.fn();
    const onMapping = vi.fn();
    renderWithProviders(<Harness onStart={onStart} onMapping={onMapping} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Champ — Ville'), 'ignore');
    expect(onMapping).toHaveBeenLastCalledWith({ ...preview.suggestedMapping, Ville: 'ignore' });
    await user.selectOptions(screen.getByLabelText('Champ — Téléphone'), 'notes');
    expect(screen.getByRole('alert')).toHaveTextContent('Indiquez la colonne du numéro de téléphone.');
    expect(screen.getByRole('button', { name: 'Lancer l’import' })).toBeDisabled();
    await user.selectOptions(screen.getByLabelText('Champ — Téléphone'), 'phone');
    await user.click(screen.getByRole('button', { name: 'Lancer l’import' }));
    expect(onStart).toHaveBeenCalledOnce();
  });

  it('asks for the new category’s name, and says "essai" for a dry run', async () => {
    renderWithProviders(<Harness onStart={vi.fn()} onMapping={vi.fn()} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Ajouter les contacts importés à'), 'new');
    expect(screen.getByRole('button', { name: 'Lancer l’import' })).toBeDisabled();
    await user.type(screen.getByLabelText('Nom de la nouvelle catégorie'), 'Salon 2026');
    expect(screen.getByRole('button', { name: 'Lancer l’import' })).toBeEnabled();
    await user.click(screen.getByLabelText(/^Essai à blanc\s: tout vérifier sans rien enregistrer$/));
    expect(screen.getByRole('button', { name: 'Lancer l’essai' })).toBeEnabled();
  });
});
