import { describe, expect, it } from 'vitest';
import { RateSchedule } from './rate-schedule.js';

describe('RateSchedule (open loop)', () => {
  it('spaces intended send times by 1/rate from the start, whatever happened before', () => {
    const s = new RateSchedule(1000, 500);
    expect(s.intendedMs(0)).toBe(1000);
    expect(s.intendedMs(1)).toBe(1002);
    expect(s.intendedMs(500)).toBe(2000);
  });

  it('counts the records due at a given time, including the one due exactly now', () => {
    const s = new RateSchedule(0, 1000);
    expect(s.dueCount(-1)).toBe(0);
    expect(s.dueCount(0)).toBe(1);
    expect(s.dueCount(0.999)).toBe(1);
    expect(s.dueCount(1)).toBe(2);
    expect(s.dueCount(10)).toBe(11);
  });

  it('after a stall, everything that fell due meanwhile is due at once (no schedule shift)', () => {
    const s = new RateSchedule(0, 100);
    // the generator was blocked for 2 s: 200 records are overdue and keep their original intended times
    expect(s.dueCount(2000)).toBe(201);
    expect(s.intendedMs(150)).toBe(1500);
  });

  it('is exact for rates whose interval is not a round number of ms', () => {
    const s = new RateSchedule(0, 3);
    expect(s.dueCount(1000)).toBe(4);
    expect(s.dueCount(999.99)).toBe(3);
  });

  it('says how long to wait for the next record', () => {
    const s = new RateSchedule(0, 10);
    expect(s.waitMs(3, 250)).toBe(50);
    expect(s.waitMs(3, 400)).toBe(0);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new RateSchedule(0, 0)).toThrow(RangeError);
  });
});
