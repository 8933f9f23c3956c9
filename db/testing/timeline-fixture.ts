/**
 * A small, known set of events for the filter, search, facet and chart tests: every filter has
 * something to find and something to leave out, plus a draft and a deleted event that must never
 * show up for the public.
 */
import type { Connection } from '@/db/engine/client';
import { makeEntity as makeTestEntity, makeEvent, TEST_ACTOR } from './test-db';

const CAESAR = 'Caesar Syria Civilian Protection Act of 2019';
const EO = 'Executive Order 13894, as amended';

function article(excerpt: string) {
  return [{ url: null, title: 'Biden Urged to Take Firmer Line', publisher: null, publishedDate: null, excerpt }];
}

export function seedTimelineFixture(conn: Connection) {
  const db = conn.db;
  // Some tests load the fixture over the curated seed, which has the same people.
  const makeEntity = (raw: Parameters<typeof makeTestEntity>[1]) => makeTestEntity(db, raw, TEST_ACTOR, { allowNamesake: true });
  const qaddour = makeEntity({ name: 'Khalid Qaddour', aliases: ['Khaled Qaddour'], countryCode: 'SY' }).id;
  const samer = makeEntity({ name: 'Samer Kamal al-Assad', aliases: ['Samer al-Assad'], countryCode: 'SY' }).id;
  const erdogan = makeEntity({ name: 'Recep Tayyip Erdoğan', aliases: ['Erdogan'], countryCode: 'TR' }).id;
  const uae = makeEntity({ kind: 'government', name: 'Government of the United Arab Emirates', aliases: ['UAE'], countryCode: 'AE' }).id;
  const state = makeEntity({ kind: 'government', name: 'US Department of State', aliases: ['State Department'], countryCode: 'US' }).id;
  const duplicate = makeEntity({ name: 'K. Qaddour (duplicate)' }).id;
  conn.sqlite.prepare('UPDATE entities SET merged_into_id = ? WHERE id = ?').run(qaddour, duplicate);
  const idle = makeEntity({ name: 'Nobody In Particular' }).id;

  const e = {
    caesar2023: makeEvent(db, {
      type: 'designation',
      title: 'Caesar Act sanctions on Khalid Qaddour and Samer Kamal al-Assad',
      summary: 'Treasury designated two regime figures for the illicit drug trade.',
      date: '2023-03-28',
      legalAuthority: CAESAR,
      program: 'SYRIA-CAESAR',
      countries: [
        { code: 'US', role: 'actor' },
        { code: 'SY', role: 'target' },
      ],
      actors: [
        { entityId: state, role: 'issuer' },
        { entityId: qaddour, role: 'target' },
        { entityId: samer, role: 'target' },
      ],
      tags: ['Caesar Act', 'Illicit drug trade'],
      sources: article('in its first use of the authority against the captagon trade'),
    }).id,
    caesar2020: makeEvent(db, {
      type: 'designation',
      title: 'First Caesar Act sanctions',
      summary: 'Nine individuals and entities were designated.',
      date: '2020-06-17',
      legalAuthority: CAESAR,
      program: 'SYRIA-CAESAR',
      countries: [
        { code: 'US', role: 'actor' },
        { code: 'SY', role: 'target' },
      ],
      tags: ['Caesar Act'],
    }).id,
    turkey2019: makeEvent(db, {
      type: 'designation',
      title: 'Sanctions on Turkish ministries',
      summary: 'Designations under the executive order after the incursion.',
      date: '2019-10',
      legalAuthority: EO,
      program: 'SYRIA-EO13894',
      countries: [
        { code: 'US', role: 'actor' },
        { code: 'TR', role: 'target' },
      ],
    }).id,
    uae2018: makeEvent(db, {
      type: 'normalisation',
      title: 'United Arab Emirates reopens its embassy in Damascus',
      summary: 'The UAE reopened its embassy.',
      date: '2018',
      countries: [
        { code: 'AE', role: 'actor' },
        { code: 'SY', role: 'target' },
        { code: 'SY', role: 'location' },
      ],
      actors: [{ entityId: uae, role: 'issuer' }],
      tags: ['Embassies', 'Gulf states'],
    }).id,
    erdogan2023: makeEvent(db, {
      type: 'normalisation',
      title: 'Erdoğan signals readiness to meet Assad',
      summary: 'The Turkish president said he was ready to meet.',
      date: '2023',
      countries: [
        { code: 'TR', role: 'actor' },
        { code: 'SY', role: 'target' },
      ],
      actors: [{ entityId: erdogan, role: 'speaker' }],
    }).id,
    stance2023: makeEvent(db, {
      type: 'statement',
      title: "State Department: 'Our stance against normalization remains unchanged'",
      summary: 'A spokesperson restated the policy on the day of the designations.',
      details: 'Asked about regional moves, the spokesperson pointed to the Caesar Act.',
      date: '2023-03-28',
      legalAuthority: CAESAR,
      countries: [{ code: 'US', role: 'actor' }],
      actors: [{ entityId: state, role: 'speaker' }],
      tags: ['US policy on normalisation', 'Caesar Act'],
    }).id,
    league2011: makeEvent(db, {
      type: 'isolation',
      title: 'Arab League suspends Syria',
      summary: 'Syria was suspended from the Arab League.',
      date: '2011',
      countries: [{ code: 'SY', role: 'target' }],
      tags: ['Arab League'],
    }).id,
    draft: makeEvent(db, {
      type: 'statement',
      status: 'draft',
      title: 'Draft note on Qaddour and Iran',
      summary: 'Not yet published.',
      date: '2023-03',
      countries: [{ code: 'IR', role: 'target' }],
      actors: [{ entityId: qaddour, role: 'subject' }],
      tags: ['Secret draft tag'],
    }).id,
    deleted: makeEvent(db, {
      type: 'designation',
      title: 'Deleted designation of Qaddour',
      summary: 'Removed by staff.',
      date: '2022-05-10',
      program: 'SYRIA-CAESAR',
      countries: [{ code: 'SY', role: 'target' }],
      actors: [{ entityId: qaddour, role: 'target' }],
      tags: ['Caesar Act'],
    }).id,
  };
  conn.sqlite.prepare(`UPDATE events SET deleted_at = '2026-01-01T00:00:00.000Z' WHERE id = ?`).run(e.deleted);
  conn.sqlite.prepare('DELETE FROM events_fts WHERE rowid = ?').run(e.deleted);

  return { events: e, entities: { qaddour, samer, erdogan, uae, state, duplicate, idle }, CAESAR, EO };
}

export type TimelineFixture = ReturnType<typeof seedTimelineFixture>;
