import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, ok } from '../../test/fake-api';
import { clinicConfig, emptyLists, meAs, renderApp } from '../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

/** The browser's EventSource as far as the app uses it: named events, and close. */
class StreamStandIn {
  static opened: StreamStandIn[] = [];
  readonly listeners = new Map<string, (event: MessageEvent<string>) => void>();
  closed = false;
  constructor(
    readonly url: string,
    readonly init?: EventSourceInit,
  ) {
    StreamStandIn.opened.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: unknown) {
    this.listeners.get(type)?.(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
}

const booked = {
  id: 'a9',
  doctorId: 'd1',
  patientId: 'p9',
  doctor: { id: 'd1', name: 'Dr Grace Hopper', specialty: 'Cardiology' },
  patient: { id: 'p9', name: 'Walk In' },
  start: '2030-06-03T09:00:00.000Z',
  end: '2030-06-03T09:30:00.000Z',
  status: 'BOOKED',
  site: { id: 's0', name: 'Main site', timezone: 'Europe/London' },
};

describe('live updates', () => {
  it('opens one stream per tab, re-reads the lists on a change and announces it politely', async () => {
    StreamStandIn.opened = [];
    vi.stubGlobal('EventSource', StreamStandIn);
    let listed = 0;
    fakeApi({
      ...emptyLists,
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => ok(meAs('staff')),
      'GET /api/appointments': () => {
        listed += 1;
        return ok([], { total: 0, limit: 100, offset: 0 });
      },
    });
    const { unmount } = renderApp('/appointments');
    await screen.findByRole('heading', { name: 'Appointments' });
    await waitFor(() => expect(listed).toBe(1));
    expect(StreamStandIn.opened.map((stream) => [stream.url, stream.init?.withCredentials])).toEqual([['/api/events', true]]);

    StreamStandIn.opened[0]!.emit('appointment', { type: 'appointment.booked', appointment: booked });
    await waitFor(() => expect(listed).toBe(2));
    const announcement = await screen.findByText('Booked: Walk In with Dr Grace Hopper, Mon, Jun 3, 2030 10:00.');
    expect(announcement).toHaveAttribute('aria-live', 'polite');

    StreamStandIn.opened[0]!.emit('reset', {});
    await waitFor(() => expect(listed).toBe(3));
    unmount();
    expect(StreamStandIn.opened[0]!.closed).toBe(true);
    expect(StreamStandIn.opened).toHaveLength(1);
  });

  it('does not announce again a change this tab made itself', async () => {
    StreamStandIn.opened = [];
    vi.stubGlobal('EventSource', StreamStandIn);
    const mine = { ...booked, checkedInAt: null, checkedInBy: null, completedAt: null, completedBy: null, noShowAt: null, noShowBy: null };
    fakeApi({
      ...emptyLists,
      'GET /api/config': () => ok(clinicConfig),
      'GET /api/auth/me': () => ok(meAs('staff')),
      'GET /api/appointments': () => ok([mine], { total: 1, limit: 50, offset: 0 }),
      'POST /api/appointments/a9/check-in': () => ok({ ...mine, status: 'CHECKED_IN', checkedInAt: '2030-06-03T08:58:00.000Z' }),
    });
    renderApp('/appointments');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Check in' }));
    await screen.findByText(/^Checked in: Walk In with Dr Grace Hopper at/);

    const stream = StreamStandIn.opened[0]!;
    stream.emit('appointment', {
      type: 'appointment.booked',
      appointment: { ...mine, id: 'b7', patient: { id: 'p7', name: 'Other Desk' } },
    });
    const other = await screen.findByText('Booked: Other Desk with Dr Grace Hopper, Mon, Jun 3, 2030 10:00.');
    stream.emit('appointment', { type: 'appointment.checked_in', appointment: { ...mine, status: 'CHECKED_IN' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(other).toHaveTextContent('Booked: Other Desk');
    expect(screen.queryByText(/^Checked in: Walk In with Dr Grace Hopper, /)).not.toBeInTheDocument();
  });
});
