import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';

// The check waits 350 ms after the last key: give findBy room on a busy machine (a wait limit, not a timing assertion).
const WAIT = { timeout: 5000 };
import { problem } from '@/shared/testing/handlers';
import { renderWithProviders } from '@/shared/testing/render';
import { server } from '@/shared/testing/server';
import { ContactForm } from './contact-form';

const categories = {
  items: [{ id: 'c1', name: 'Clients', colour: '#10B981', description: '', contactCount: 3, createdAt: '2026-12-01T10:00:00Z', updatedAt: '2026-12-01T10:00:00Z' }],
  page: 0, size: 200, total: 1, totalExact: true, hasMore: false,
};

function checks(answer: (number: string, country?: string) => object) {
  const seen: { number: string; country?: string }[] = [];
  server.use(
    http.get('*/api/categories', () => HttpResponse.json(categories)),
    http.post('*/api/contacts/number-check', async ({ request }) => {
      const body = (await request.json()) as { number: string; country?: string };
      seen.push(body);
      return HttpResponse.json(answer(body.number, body.country));
    }),
  );
  return seen;
}

const blank = { valid: false, e164: null, country: null, repaired: false, repairReason: null, existingContactId: null, reason: null, message: null };

describe('the contact form', () => {
  it('shows the repaired number and why, as the server checked it', async () => {
    const seen = checks((n) =>
      n === '97 12 34 56'
        ? { ...blank, valid: true, e164: '+2290197123456', country: 'BJ', repaired: true, repairReason: 'Ancien numéro béninois à 8 chiffres : préfixe 01 ajouté.' }
        : { ...blank, valid: false, reason: 'too_short', message: 'Numéro trop court.' },
    );
    renderWithProviders(<ContactForm onDone={vi.fn()} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Pays'), 'BJ');
    await user.type(screen.getByLabelText('Numéro de téléphone'), '97 12 34 56');
    expect(await screen.findByText(/^Numéro réparé\s:\s\+2290197123456$/, undefined, WAIT)).toBeInTheDocument();
    expect(screen.getByText('Ancien numéro béninois à 8 chiffres : préfixe 01 ajouté.')).toBeInTheDocument();
    // Debounced: not one request per key typed; the country picked goes with the number.
    expect(seen.length).toBeLessThan(4);
    expect(seen.at(-1)).toEqual({ number: '97 12 34 56', country: 'BJ' });
  });

  it('puts the server’s refusal under the number while typing', async () => {
    checks(() => ({ ...blank, valid: false, reason: 'too_short', message: 'Ce numéro est trop court pour la France.' }));
    renderWithProviders(<ContactForm onDone={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Numéro de téléphone'), '06 12');
    expect(await screen.findByText('Ce numéro est trop court pour la France.', undefined, WAIT)).toBeInTheDocument();
    expect(screen.getByLabelText('Numéro de téléphone')).toHaveAttribute('aria-invalid', 'true');
  });

  it('warns that another contact has the number, with a link to it', async () => {
    checks(() => ({ ...blank, valid: true, e164: '+33639988566', country: 'FR', existingContactId: '0197a3c4-0000-7000-8000-000000000001' }));
    renderWithProviders(<ContactForm onDone={vi.fn()} />);
    await userEvent.setup().type(screen.getByLabelText('Numéro de téléphone'), '06 39 98 85 66');
    expect(await screen.findByText(/^Sera enregistré\s:\s\+33639988566$/, undefined, WAIT)).toBeInTheDocument();
    expect(screen.getByText('Un contact a déjà ce numéro.')).toBeInTheDocument();
  });

  it('refuses an empty number and a duplicate attribute key before sending', async () => {
    checks(() => blank);
    const onDone = vi.fn();
    renderWithProviders(<ContactForm onDone={onDone} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Ajouter un attribut' }));
    await user.click(screen.getByRole('button', { name: 'Ajouter un attribut' }));
    await user.type(screen.getByLabelText('Clé 1'), 'ville');
    await user.type(screen.getByLabelText('Clé 2'), 'ville');
    await user.click(screen.getByRole('button', { name: 'Ajouter le contact' }));
    expect(await screen.findByText('Saisissez un numéro.', undefined, WAIT)).toBeInTheDocument();
    expect(screen.getByText('Cette clé est déjà utilisée.')).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
  });

  it('sends the fields, categories and attributes; a server field error lands under its field', async () => {
    checks(() => ({ ...blank, valid: true, e164: '+33639988566', country: 'FR' }));
    let body: unknown;
    server.use(
      http.post('*/api/contacts', async ({ request }) => {
        body = await request.json();
        return problem(409, 'contact-duplicate', 'Numéro déjà enregistré', 'Un contact a déjà ce numéro.', {
          errors: [{ field: 'phone', code: 'duplicate', message: 'Ce numéro appartient déjà à un contact.' }],
        });
      }),
    );
    const onDone = vi.fn();
    renderWithProviders(<ContactForm onDone={onDone} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Numéro de téléphone'), '06 39 98 85 66');
    await user.type(screen.getByLabelText('Prénom'), 'Zoé');
    await user.click(await screen.findByRole('checkbox', { name: 'Clients' }));
    await user.click(screen.getByRole('button', { name: 'Ajouter un attribut' }));
    await user.type(screen.getByLabelText('Clé 1'), 'ville');
    await user.type(screen.getByLabelText('Valeur 1'), 'Lyon');
    await user.click(screen.getByRole('button', { name: 'Ajouter le contact' }));
    expect(await screen.findByText('Ce numéro appartient déjà à un contact.', undefined, WAIT)).toBeInTheDocument();
    expect(body).toEqual({ phone: '06 39 98 85 66', country: 'FR', firstName: 'Zoé', categoryIds: ['c1'], attributes: { ville: 'Lyon' } });
    expect(onDone).not.toHaveBeenCalled();
  });
});
