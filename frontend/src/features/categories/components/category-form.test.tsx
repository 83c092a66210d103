import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { problem } from '@/shared/testing/handlers';
import { renderWithProviders } from '@/shared/testing/render';
import { server } from '@/shared/testing/server';
import { CategoryForm } from './category-form';

describe('the category form', () => {
  it('creates a category with the colour picked', async () => {
    let body: unknown;
    server.use(
      http.post('*/api/categories', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ id: 'c1', name: 'Salon 2026', colour: '#8B5CF6', description: 'Visiteurs', contactCount: 0, createdAt: '', updatedAt: '' }, { status: 201 });
      }),
    );
    const onDone = vi.fn();
    renderWithProviders(<CategoryForm onDone={onDone} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Nom'), 'Salon 2026');
    await user.click(screen.getByRole('radio', { name: '#8B5CF6' }));
    expect(screen.getByRole('radio', { name: '#8B5CF6' })).toHaveAttribute('aria-checked', 'true');
    await user.type(screen.getByLabelText('Description'), 'Visiteurs');
    await user.click(screen.getByRole('button', { name: 'Créer la catégorie' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(body).toEqual({ name: 'Salon 2026', colour: '#8B5CF6', description: 'Visiteurs' });
  });

  it('puts a taken name under the name field', async () => {
    server.use(
      http.post('*/api/categories', () =>
        problem(409, 'category-name-taken', 'Nom déjà utilisé', 'Une catégorie porte déjà ce nom.', {
          errors: [{ field: 'name', code: 'duplicate', message: 'Une catégorie porte déjà ce nom.' }],
        }),
      ),
    );
    renderWithProviders(<CategoryForm onDone={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Nom'), 'VIP');
    await user.click(screen.getByRole('button', { name: 'Créer la catégorie' }));
    expect(await screen.findByText('Une catégorie porte déjà ce nom.')).toBeInTheDocument();
    expect(screen.getByLabelText('Nom')).toHaveAttribute('aria-invalid', 'true');
  });
});
