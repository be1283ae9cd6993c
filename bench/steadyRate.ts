// The pace the server saw: accepted calls between the first and the last accepted arrival, over the time between
// those two arrivals, (n − 1) / (last − first). A wall-clock rate also counts the wait for the last answer, one
// latency after the last send (500 targets at 600 ms latency reach at most 87.7/s at a perfect 100/s pace), so it
// measures the latency as much as the pace; the bench's rate targets are judged on this one instead.
import type { ActionStats } from '../test/emulator/server';

/** null when fewer than two calls were accepted, or all arrived within the same millisecond. */
export function steadyRate(accepted: number, firstArrivalMs: number | undefined, lastArrivalMs: number | undefined): number | null {
  if (accepted < 2 || firstArrivalMs === undefined || lastArrivalMs === undefined || lastArrivalMs <= firstArrivalMs) return null;
  return (accepted - 1) / ((lastArrivalMs - firstArrivalMs) / 1000);
}

/** From the emulator's stats for one action (a run that had the action to itself). */
export function steadyRateOf(s: ActionStats | undefined): number | null {
  return s ? steadyRate(s.accepted, s.firstAcceptedArrivalAt, s.lastAcceptedArrivalAt) : null;
}

/** The rate a target is judged on: the steady one, or the wall-clock one when there is none (under two calls). */
export function judgedRate(r: { reqPerSec: number; steadyReqPerSec: number | null }): number {
  return r.steadyReqPerSec ?? r.reqPerSec;
}
