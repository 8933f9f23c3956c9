import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { createTestDb, makeEvent, TEST_ACTOR } from '@/db/testing/test-db';
import { user, webhookDeliveries } from '@/db/schema';
import { eventInputSchema } from '@/lib/validation/event';
import { updateEvent } from './events';
import { createSavedView, subscribeSavedView } from './saved-views';
import { createWebhookDestination, setWebhookDestinationEnabled } from './webhooks';

let conn: Connection;
let destinationId: number;

beforeEach(() => {
  conn = createTestDb();
  conn.db.insert(user).values({ id: 'u1', name: 'Analyst', email: 'analyst@example.org', role: 'viewer' }).run();
  destinationId = createWebhookDestination(conn.db, { url: 'http://127.0.0.1:9/hook', label: 'Team chat' }, 'admin@example.org').id;
  const view = createSavedView(conn.db, 'u1', 'Designations', 'type=designation');
  subscribeSavedView(conn.db, 'u1', view.id, destinationId);
});

const deliveries = () => conn.db.select().from(webhookDeliveries).all();

describe('the alert outbox', () => {
  it('queues a pending delivery, in the same write, for a new published event the view shows', () => {
    const { id } = makeEvent(conn.db, { type: 'designation', title: 'New designations', date: '2023-03' });
    const rows = deliveries();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ eventId: id, state: 'pending', attempt: 0, trigger: 'recorded' });
    const payload = JSON.parse(rows[0]!.payload);
    expect(payload.event).toMatchObject({ id, title: 'New designations', date: '2023-03', datePrecision: 'month', type: 'designation', permalink: `/events/${id}` });
    expect(payload.view).toMatchObject({ name: 'Designations', url: '/?type=designation' });
  });

  it('matches a view that searches and filters by country, with the event as just written', () => {
    const view = createSavedView(conn.db, 'u1', 'Captagon in Syria', 'q=captagon&country=SY');
    subscribeSavedView(conn.db, 'u1', view.id, destinationId);
    const hit = makeEvent(conn.db, { type: 'statement', title: 'Captagon network named', countries: [{ code: 'SY', role: 'target' }] });
    makeEvent(conn.db, { type: 'statement', title: 'Captagon network named', countries: [{ code: 'LB', role: 'target' }] });
    makeEvent(conn.db, { type: 'statement', title: 'Embassy reopened', countries: [{ code: 'SY', role: 'target' }] });
    expect(deliveries().map((d) => [d.eventId, JSON.parse(d.payload).view.name])).toEqual([[hit.id, 'Captagon in Syria']]);
  });

  it('queues nothing for an event the view does not show', () => {
    makeEvent(conn.db, { type: 'statement' });
    expect(deliveries()).toHaveLength(0);
  });

  it('queues nothing for a draft, and queues when the draft is published', () => {
    const draft = makeEvent(conn.db, { type: 'designation', status: 'draft' });
    expect(deliveries()).toHaveLength(0);
    const input = eventInputSchema.parse({ type: 'designation', title: 'A test event', summary: 'Something happened.', date: '2023-03-28', status: 'published' });
    updateEvent(conn.db, draft.id, input, draft.version, TEST_ACTOR);
    expect(deliveries().map((d) => [d.eventId, d.trigger])).toEqual([[draft.id, 'published']]);
    // A later edit of the published event does not alert again.
    updateEvent(conn.db, draft.id, { ...input, title: 'Edited' }, draft.version + 1, TEST_ACTOR);
    expect(deliveries()).toHaveLength(1);
  });

  it('queues nothing for a switched-off destination', () => {
    setWebhookDestinationEnabled(conn.db, destinationId, false);
    makeEvent(conn.db, { type: 'designation' });
    expect(deliveries()).toHaveLength(0);
  });

  it('rolls back with the write: a refused save leaves no delivery', () => {
    expect(() =>
      conn.db.transaction((tx) => {
        makeEvent(tx as unknown as Connection['db'], { type: 'designation' });
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(conn.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.state, 'pending')).all()).toHaveLength(0);
  });
});
