import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { problem, superAdmin } from '@/shared/testing/handlers';
import { renderWithProviders } from '@/shared/testing/render';
import { server } from '@/shared/testing/server';
import { CreateUserForm, EditUserForm } from './user-forms';

describe('the user forms', () => {
  it('creates a user with the fields typed', async () => {
    let body: unknown;
    server.use(
      http.post('*/api/users', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ ...superAdmin, id: 'u2', email: 'awa@example.com', role: 'admin', mustChangePassword: true }, { status: 201 });
      }),
    );
    const onDone = vi.fn();
    renderWithProviders(<CreateUserForm onDone={onDone} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('E-mail'), 'awa@example.com');
    await user.type(screen.getByLabelText('Nom complet'), 'Awa Traoré');
    await user.type(screen.getByLabelText('Mot de passe provisoire'), 'Bienvenue-2026');
    await user.click(screen.getByRole('button', { name: 'Créer l’utilisateur' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(body).toEqual({ email: 'awa@example.com', fullName: 'Awa Traoré', role: 'admin', password: 'Bienvenue-2026' });
    expect(await screen.findByRole('status')).toHaveTextContent('awa@example.com a été créé');
  });

  it('refuses a weak temporary password before sending', async () => {
    renderWithProviders(<CreateUserForm onDone={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('E-mail'), 'awa@example.com');
    await user.type(screen.getByLabelText('Mot de passe provisoire'), 'onlyletters');
    await user.click(screen.getByRole('button', { name: 'Créer l’utilisateur' }));
    expect(await screen.findByText('Au moins une lettre et un chiffre.')).toBeInTheDocument();
  });

  it('puts the server’s field error under the field it names', async () => {
    server.use(
      http.post('*/api/users', () =>
        problem(409, 'email-taken', 'Adresse déjà utilisée', 'Un utilisateur a déjà cette adresse.', {
          errors: [{ field: 'email', code: 'duplicate', message: 'Cette adresse e-mail est déjà utilisée.' }],
        }),
      ),
    );
    const onDone = vi.fn();
    renderWithProviders(<CreateUserForm onDone={onDone} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('E-mail'), 'admin@chatbot.local');
    await user.type(screen.getByLabelText('Mot de passe provisoire'), 'Bienvenue-2026');
    await user.click(screen.getByRole('button', { name: 'Créer l’utilisateur' }));
    expect(await screen.findByText('Cette adresse e-mail est déjà utilisée.')).toBeInTheDocument();
    expect(screen.getByLabelText('E-mail')).toHaveAttribute('aria-invalid', 'true');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('explains a refusal that names no field in a toast', async () => {
    server.use(
      http.patch('*/api/users/:id', () =>
        problem(409, 'user-last-super-admin', 'Dernier super administrateur', 'Il doit rester au moins un super administrateur actif.'),
      ),
    );
    const onDone = vi.fn();
    renderWithProviders(<EditUserForm user={superAdmin} onDone={onDone} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Rôle'), 'admin');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    const toast = await screen.findByRole('alert');
    expect(toast).toHaveTextContent('Dernier super administrateur');
    expect(toast).toHaveTextContent('Il doit rester au moins un super administrateur actif.');
    expect(onDone).not.toHaveBeenCalled();
  });
});
