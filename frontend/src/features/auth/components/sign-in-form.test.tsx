import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { session } from '@/shared/api/session';
import { problem, superAdmin, tokens } from '@/shared/testing/handlers';
import { server } from '@/shared/testing/server';
import { SignInForm } from './sign-in-form';

async function fill(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Adresse e-mail'), email);
  await user.type(screen.getByLabelText('Mot de passe'), password);
  await user.click(screen.getByRole('button', { name: 'Se connecter' }));
}

describe('the sign-in form', () => {
  it('signs in and hands over the user, password change asked included', async () => {
    const onSignedIn = vi.fn();
    const temporary = { ...superAdmin, mustChangePassword: true };
    server.use(http.post('*/api/auth/login', () => HttpResponse.json(tokens(temporary, 'token-1'))));
    render(<SignInForm onSignedIn={onSignedIn} />);
    await fill('superadmin@chatbot.local', 'SuperAdmin2024!');
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(temporary));
    expect(session.getAccessToken()).toBe('token-1');
  });

  it('says the credentials are wrong in the server’s words', async () => {
    server.use(http.post('*/api/auth/login', () => problem(401, 'invalid-credentials', 'Identifiants incorrects', 'Email ou mot de passe incorrect.')));
    render(<SignInForm onSignedIn={vi.fn()} />);
    await fill('a@b.fr', 'nope');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Identifiants incorrects');
    expect(alert).toHaveTextContent('Email ou mot de passe incorrect.');
    expect(session.getAccessToken()).toBeNull();
  });

  it('shows the wait of a locked account and keeps the button disabled meanwhile', async () => {
    server.use(
      http.post('*/api/auth/login', () =>
        problem(429, 'account-locked', 'Compte temporairement bloqué', 'Trop de tentatives échouées : réessayez dans 15 minute(s).', {}, { 'Retry-After': '900' }),
      ),
    );
    render(<SignInForm onSignedIn={vi.fn()} />);
    await fill('a@b.fr', 'nope');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Compte temporairement bloqué');
    expect(alert).toHaveTextContent(/Vous pourrez réessayer dans 15\smin\./);
    expect(screen.getByRole('button', { name: 'Se connecter' })).toBeDisabled();
  });

  it('checks the fields before asking the server', async () => {
    const login = vi.fn();
    server.use(http.post('*/api/auth/login', () => { login(); return HttpResponse.json(tokens()); }));
    render(<SignInForm onSignedIn={vi.fn()} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(await screen.findAllByText('Ce champ est obligatoire.')).toHaveLength(2);
    expect(screen.getByLabelText('Adresse e-mail')).toHaveAttribute('aria-invalid', 'true');
    expect(login).not.toHaveBeenCalled();
  });
});
