// The action table: which product and API version each action belongs to. All four products share one port and
// no action name is used by two of them, so the action name decides the product and its Version must match it.
import { mpsActions } from './mps';
import { ramActions } from './ram';
import { ramPolicyActions } from './ramPolicies';
import { ramWriteActions } from './ramWrites';
import { stsActions } from './sts';
import { vodActions } from './vod';
import { actionTrailActions } from './actiontrail';
import type { ActionSpec, Product } from './types';

export const ACTIONS: Readonly<Record<string, ActionSpec>> = { ...mpsActions, ...vodActions, ...ramActions, ...ramPolicyActions, ...ramWriteActions, ...stsActions, ...actionTrailActions };

export function findAction(name: string | undefined): ActionSpec | undefined {
  return name && Object.prototype.hasOwnProperty.call(ACTIONS, name) ? ACTIONS[name] : undefined;
}

/** HostId of an error body: RAM and STS answer on global endpoints, MPS, VOD and ActionTrail on regional ones. */
export function hostIdOf(product: Product, region: string): string {
  return product === 'ram' || product === 'sts' ? `${product}.aliyuncs.com` : `${product}.${region}.aliyuncs.com`;
}

/** The product name Alibaba's troubleshooting link (Recommend) uses. */
export const PRODUCT_LABEL: Readonly<Record<Product, string>> = { mts: 'Mts', vod: 'Vod', ram: 'Ram', sts: 'Sts', actiontrail: 'Actiontrail' };

export type { ActionSpec, ActionContext, ActionHandler, Caller, Product } from './types';
