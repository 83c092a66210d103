// A stand-in for the browser's EventSource (jsdom has none), for pages that follow the live events.
import { http, HttpResponse } from 'msw';
import { setEventSourceFactoryForTests } from '../api/events';
import { server } from './server';

export class FakeEventSource {
  static all: FakeEventSource[] = [];
  listeners = new Map<string, ((e: MessageEvent) => void)[]>();
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  closed = false;
  constructor(public url: string) {
    FakeEventSource.all.push(this);
  }
  addEventListener(type: string, l: (e: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), l]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: unknown, id = String(Date.now())) {
    (this.listeners.get(type) ?? []).forEach((l) => l(new MessageEvent(type, { data: JSON.stringify(data), lastEventId: id })));
  }
}

/** Routes the module's connections to fakes and answers the ticket request. */
export function useFakeEventSource() {
  FakeEventSource.all = [];
  setEventSourceFactoryForTests((url) => new FakeEventSource(url));
  server.use(http.post('*/api/events/ticket', () => HttpResponse.json({ ticket: 'ticket-1', expiresAt: new Date().toISOString() }, { status: 201 })));
}
