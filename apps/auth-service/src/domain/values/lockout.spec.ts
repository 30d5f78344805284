import { at, iso } from '../testing/fixtures';
import {
  backoffSeconds,
  guardAfterFailure,
  guardAfterSuccess,
  initialGuard,
  lockedFor,
} from './lockout';

describe('lockout back-off', () => {
  it('lets the first four failures through, then doubles from 1 s up to 15 minutes', () => {
    expect([1, 2, 3, 4].map(backoffSeconds)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map(backoffSeconds)).toEqual([1, 2, 4, 8]);
    expect(backoffSeconds(14)).toBe(512);
    expect(backoffSeconds(15)).toBe(900);
    expect(backoffSeconds(60)).toBe(900);
  });

  it('locks from the fifth consecutive failure and tells how long to wait', () => {
    let guard = initialGuard;
    for (let i = 0; i < 4; i++) guard = guardAfterFailure(guard, at(0));
    expect(guard.lockedUntil).toBeNull();
    guard = guardAfterFailure(guard, at(0));
    expect(guard).toMatchObject({
      consecutiveFailures: 5,
      lockedUntil: iso(1),
    });
    expect(lockedFor(guard, at(0))).toBe(1);
    expect(lockedFor(guard, at(1))).toBeNull();
    guard = guardAfterFailure(guard, at(10));
    expect(lockedFor(guard, at(10))).toBe(2);
  });

  it('keeps the rolling hour across a success but clears the consecutive count', () => {
    let guard = initialGuard;
    for (let i = 0; i < 3; i++) guard = guardAfterFailure(guard, at(i));
    guard = guardAfterSuccess(guard, at(10));
    expect(guard).toMatchObject({ consecutiveFailures: 0, lockedUntil: null });
    expect(guard.recentFailures).toHaveLength(3);
    // An hour after the first failure, it no longer counts.
    expect(guardAfterSuccess(guard, at(3600)).recentFailures).toEqual([iso(1), iso(2)]);
  });
});
