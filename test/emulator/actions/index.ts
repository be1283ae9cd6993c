// The action table: which product and API version each action belongs to. Both products share one port, so an
// action name decides the product and its Version must match that product's.
import { mpsActions } from './mps';
import { vodActions } from './vod';
import type { ActionSpec } from './types';

export const ACTIONS: Readonly<Record<string, ActionSpec>> = { ...mpsActions, ...vodActions };

export function findAction(name: string | undefined): ActionSpec | undefined {
  return name && Object.prototype.hasOwnProperty.call(ACTIONS, name) ? ACTIONS[name] : undefined;
}

export type { ActionSpec, ActionContext, ActionHandler } from './types';
