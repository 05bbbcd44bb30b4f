// The scale seeder writes what the domain would: every lead stream replays through evolveLead, and the
// organisation has the shape the query bench promises (owners, pool, claims, next calls, outcomes).
import { describe, expect, it } from '@jest/globals';
import type { ExistingLeadState, LeadEvent, LeadState } from '@leadline/domain';
import { evolveLead, liveClaim, initialLeadState, StageCategory } from '@leadline/domain';
import { createMemoryEventStore } from '@leadline/eventstore';
import { appendScaleHistory, SCALE_NOW, SCALE_OWNERS, scaleStreams } from './scale.js';
import { WORLD_ORGS } from './world.js';

const LEADS = 3000;

function replayed(): { states: ExistingLeadState[]; events: number; other: number; eventIds: Set<string> } {
  const states: ExistingLeadState[] = [];
  const eventIds = new Set<string>();
  let events = 0;
  let other = 0;
  for (const stream of scaleStreams({ leads: LEADS, seed: 7 })) {
    for (const event of stream.events) eventIds.add(event.eventId ?? '');
    if (!stream.streamName.startsWith('lead-')) continue;
    // The events are the domain's own: evolve accepts each in order, and the metadata names the lead's organisation.
    const state: LeadState = stream.events.reduce(
      (folded, event) => evolveLead(folded, { type: event.type, data: event.data } as LeadEvent),
      initialLeadState,
    );
    if (!state.exists) throw new Error(`${stream.streamName} replays to no lead`);
    for (const event of stream.events) expect(event.metadata.orgId).toBe(state.orgId);
    if (state.orgId === WORLD_ORGS[0]) {
      states.push(state);
      events += stream.events.length;
    } else other += 1;
  }
  return { states, events, other, eventIds };
}

describe('the scale seeder', () => {
  const { states, events, other, eventIds } = replayed();
  const share = (test: (state: ExistingLeadState) => boolean): number => states.filter(test).length / states.length;

  it('writes the leads asked for, a few events each, and a small second organisation', () => {
    expect(states).toHaveLength(LEADS);
    expect(events / LEADS).toBeGreaterThanOrEqual(3.5);
    expect(events / LEADS).toBeLessThanOrEqual(6);
    expect(other).toBe(100);
  });

  it('gives every event its own id', () => {
    const total = [...scaleStreams({ leads: LEADS, seed: 7 })].reduce((sum, stream) => sum + stream.events.length, 0);
    expect(eventIds.size).toBe(total);
  });

  it('spreads leads over 50 owners and the pool, stages, outcomes, claims and next calls', () => {
    expect(new Set(states.map((state) => state.ownerId)).size).toBe(SCALE_OWNERS.length + 1);
    expect(share((state) => state.ownerId === null)).toBeCloseTo(0.15, 1);
    expect(share((state) => state.clientId !== null && state.stageCategory === StageCategory.Won)).toBeCloseTo(0.1, 1);
    expect(share((state) => state.stageCategory === StageCategory.Lost)).toBeCloseTo(0.08, 1);
    expect(new Set(states.map((state) => state.stageId)).size).toBeGreaterThanOrEqual(8);
    const live = states.filter((state) => liveClaim(state.claim, SCALE_NOW) !== null);
    const lapsed = states.filter((state) => state.claim !== null && liveClaim(state.claim, SCALE_NOW) === null);
    expect(live.length).toBeGreaterThan(LEADS / 50);
    // Lapsed but not yet expired (ClaimExpired ends a claim in the state, as the projections do).
    expect(lapsed.length).toBeGreaterThan(LEADS / 200);
    const calls = states.flatMap((state) => (state.nextCallAt === null ? [] : [Date.parse(state.nextCallAt)]));
    expect(calls.filter((at) => at < SCALE_NOW.getTime()).length).toBeGreaterThan(LEADS / 10);
    expect(calls.filter((at) => at > SCALE_NOW.getTime()).length).toBeGreaterThan(LEADS / 10);
  });

  it('is the same organisation for the same seed', () => {
    const first = [...scaleStreams({ leads: 50, seed: 3 })];
    expect([...scaleStreams({ leads: 50, seed: 3 })]).toEqual(first);
    expect([...scaleStreams({ leads: 50, seed: 4 })]).not.toEqual(first);
  });

  it('appends a stream per lead through the store', async () => {
    const store = createMemoryEventStore();
    const summary = await appendScaleHistory(store, { leads: 200, otherLeads: 10 });
    let read = 0;
    for await (const _event of store.readAll()) read += 1;
    expect(summary.leads).toBe(210);
    expect(read).toBe(summary.events);
    await store.dispose();
  });
});
