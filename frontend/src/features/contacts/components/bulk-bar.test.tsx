import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/shared/testing/render';
import { server } from '@/shared/testing/server';
import type { ContactFilter } from '../api/contacts';
import { BulkBar } from './bulk-bar';
import { isSelected, useContactSelection } from './selection';

const PAGE = ['a1', 'a2', 'a3'];
const FILTER: ContactFilter = { q: 'durand', categoryId: undefined, whatsappStatus: undefined, optedOut: false, sandboxJoined: undefined, hasReplied: undefined };

function Harness({ total, totalExact = true }: { total: number; totalExact?: boolean }) {
  const selection = useContactSelection();
  return (
    <>
      <input type="checkbox" aria-label="page" checked={PAGE.every((id) => isSelected(selection.state, id))} onChange={(e) => selection.setPage(PAGE, e.target.checked)} />
      {PAGE.map((id) => (
        <input key={id} type="checkbox" aria-label={id} checked={isSelected(selection.state, id)} onChange={() => selection.toggle(id)} />
      ))}
      <BulkBar selection={selection} pageIds={PAGE} total={total} totalExact={totalExact} filter={FILTER} />
    </>
  );
}

function api() {
  const bodies: unknown[] = [];
  server.use(
    http.get('*/api/categories', () =>
      HttpResponse.json({ items: [{ id: 'c9', name: 'VIP', colour: '#8B5CF6', description: '', contactCount: 0, createdAt: '', updatedAt: '' }], page: 0, size: 200, total: 1, totalExact: true, hasMore: false }),
    ),
    http.post('*/api/contacts/bulk', async ({ request }) => {
      const body = (await request.json()) as { action: string; ids?: string[] };
      bodies.push(body);
      return HttpResponse.json({ action: body.action, requested: body.ids?.length ?? 12345, affected: body.ids?.length ?? 12000 });
    }),
  );
  return bodies;
}

describe('the bulk selection', () => {
  it('acts on the rows ticked, by id, after a confirmation with the count', async () => {
    const bodies = api();
    renderWithProviders(<Harness total={12345} />);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('a1'));
    await user.click(screen.getByLabelText('a3'));
    expect(screen.getByText('2 contacts sélectionnés')).toBeInTheDocument();
    // Only a whole page offers "all matching".
    expect(screen.queryByRole('button', { name: /contacts qui correspondent/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Désinscrire' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveTextContent('Désinscrire 2 contacts ?');
    await user.click(within(dialog).getByRole('button', { name: 'Confirmer' }));
    expect(await screen.findByText('2 contact(s) modifié(s) sur 2.', undefined, { timeout: 5000 })).toBeInTheDocument();
    expect(bodies).toEqual([{ action: 'opt_out', ids: ['a1', 'a3'] }]);
    // Done: the selection is cleared.
    expect(screen.getByLabelText('a1')).not.toBeChecked();
  });

  it('offers "all N matching" once the page is selected, and then sends the filter, not ids', async () => {
    const bodies = api();
    renderWithProviders(<Harness total={12345} />);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('page'));
    expect(screen.getByText('3 contacts sélectionnés')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Sélectionner les 12\s345 contacts qui correspondent$/ }));
    expect(screen.getByText(/^Les 12\s345 contacts qui correspondent au filtre sont sélectionnés\.$/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ajouter à une catégorie' }));
    const dialog = screen.getByRole('alertdialog');
    // The category is required before confirming.
    expect(within(dialog).getByRole('button', { name: 'Confirmer' })).toBeDisabled();
    await within(dialog).findByRole('option', { name: 'VIP' }, { timeout: 5000 });
    await user.selectOptions(within(dialog).getByRole('combobox'), 'c9');
    expect(dialog).toHaveTextContent(/Ajouter 12\s345 contacts à «\sVIP\s»\s\?/);
    await user.click(within(dialog).getByRole('button', { name: 'Confirmer' }));
    expect(await screen.findByText(/^12\s000 contact\(s\) modifié\(s\) sur 12\s345\.$/, undefined, { timeout: 5000 })).toBeInTheDocument();
    expect(bodies).toEqual([{ action: 'add_to_category', categoryId: 'c9', filter: { q: 'durand', optedOut: false } }]);
  });

  it('says an estimated total as an estimate', async () => {
    api();
    renderWithProviders(<Harness total={20000} totalExact={false} />);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('page'));
    await user.click(screen.getByRole('button', { name: /^Sélectionner les ≈\s20\s000 contacts qui correspondent$/ }));
    await user.click(screen.getByRole('button', { name: 'Supprimer' }));
    expect(screen.getByRole('alertdialog')).toHaveTextContent(/Supprimer ≈\s20\s000 contacts\s\?/);
  });
});
