import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetLiveEventsForTests, setEventSourceFactoryForTests } from '@/shared/api/events';
import { session } from '@/shared/api/session';
import { superAdmin } from '@/shared/testing/handlers';
import { renderInRouter } from '@/shared/testing/render';
import { server } from '@/shared/testing/server';
import ImportPage from '../routes/import-page';
import { FakeEventSource as FakeSource } from '@/shared/testing/fake-event-source';

// Wait limits for a busy machine (not timing assertions).
const WAIT = { timeout: 5000 };

/** The browser's EventSource as the events module uses it. */

const JOB = '0197a3c4-0000-7000-8000-00000000000a';
const job = {
  id: JOB, fileName: 'clients.csv', fileSize: 1000, status: 'running', dryRun: false, encoding: 'Windows-1252', separator: ';',
  counts: { rowsRead: 0, created: 0, updated: 0, skipped: 0, failed: 0, repaired: 0 }, lastLine: 1, errorMessage: null,
  options: { targetCategoryId: 'cat-1' }, createdBy: superAdmin.id, createdAt: '2026-12-03T14:00:00Z', startedAt: '2026-12-03T14:00:01Z', finishedAt: null,
};

function renderPage() {
  return renderInRouter(<ImportPage jobId={JOB} rows={10000} onJob={vi.fn()} />, '/contacts/import');
}

afterEach(() => {
  resetLiveEventsForTests();
  FakeSource.all = [];
});

describe('the import progress', () => {
  it('moves with the live import.progress events (no polling), then shows the repaired numbers from the report', async () => {
    let jobReads = 0;
    server.use(
      http.get('*/api/categories', () => HttpResponse.json({ items: [], page: 0, size: 200, total: 0, totalExact: true, hasMore: false })),
      http.post('*/api/events/ticket', () => HttpResponse.json({ ticket: 't1', expiresAt: new Date().toISOString() }, { status: 201 })),
      http.get('*/api/contacts/import/:id', () => {
        jobReads++;
        return HttpResponse.json(job);
      }),
      http.get('*/api/contacts/import/:id/errors.csv', () =>
        new HttpResponse('\uFEFFligne;telephone;statut;motif\r\n3;59408018;réparé;Numéro réparé → +2290159408018\r\n7;12;échec;Numéro trop court\r\n', {
          headers: { 'Content-Type': 'text/csv; charset=utf-8' },
        }),
      ),
    );
    setEventSourceFactoryForTests((url) => new FakeSource(url));
    session.accept({ accessToken: 'token', user: superAdmin });
    renderPage();
    expect(await screen.findByText('Import en cours…', undefined, WAIT)).toBeInTheDocument();
    await vi.waitFor(() => expect(FakeSource.all).toHaveLength(1), WAIT);
    const es = FakeSource.all[0]!;
    es.onopen?.(new Event('open'));

    const progress = (rowsRead: number, status = 'running') => ({
      importId: JOB, status, dryRun: false, rowsRead, created: rowsRead - 2, updated: 1, skipped: 0, failed: 1, repaired: 1, lastLine: rowsRead + 1, errorMessage: null,
    });
    es.emit('import.progress', { ...progress(5000), importId: 'another-job' }, '1');
    es.emit('import.progress', progress(5000), '2');
    await vi.waitFor(() => expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '50'), WAIT);
    expect(screen.getByText(/^5\s000 lignes sur 10\s000$/)).toBeInTheDocument();

    es.emit('import.progress', progress(10000, 'completed'), '3');
    expect(await screen.findByText('Import terminé', undefined, WAIT)).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    const repaired = await screen.findByRole('table', { name: 'Numéros réparés' }, WAIT);
    expect(repaired).toHaveTextContent('59408018');
    expect(repaired).toHaveTextContent('Numéro réparé → +2290159408018');
    expect(screen.getByRole('table', { name: 'Lignes refusées' })).toHaveTextContent('Numéro trop court');
    expect(screen.getByRole('link', { name: 'Voir les contacts importés' })).toHaveAttribute('href', '/contacts?categoryId=cat-1');
    // The job was read once when the page opened; everything after came from the events.
    expect(jobReads).toBe(1);
  });
});
