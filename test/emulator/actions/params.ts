// Parameter helpers shared by the action handlers, so every handler reports the same codes for the same mistakes.
import { E } from '../errors';

export function required(params: Readonly<Record<string, string>>, name: string): string {
  const v = params[name];
  if (v === undefined || v === '') throw E.missing(name);
  return v;
}

/** Integer in [min, max] or the default when absent; InvalidParameter otherwise. */
export function intParam(params: Readonly<Record<string, string>>, name: string, def: number, min: number, max: number): number {
  const raw = params[name];
  if (raw === undefined || raw === '') return def;
  if (!/^\d+$/.test(raw)) throw E.invalidParam(name, `Expected an integer between ${min} and ${max}.`);
  const n = Number(raw);
  if (n < min || n > max) throw E.invalidParam(name, `Expected an integer between ${min} and ${max}.`);
  return n;
}
