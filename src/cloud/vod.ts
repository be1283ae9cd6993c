// ApsaraVideo VOD (product code vod, API 2017-03-21): app policies of RAM users and roles, and the applications.

import * as l10n from '@vscode/l10n';
import { MAX_PAGES, ProductClient, type ClientOptions } from './clientOptions';
import { badResponseError } from './popCoreErrors';
import { describeIdentity } from './identity';
import type { ReadBackResult } from './readBack';
import { listItems, optionalNumber, optionalString, policyNameList, serverNames, type ResponseBody } from './responses';
import {
  DEFAULT_APP_ID,
  type AppIdentity,
  type AppInfo,
  type AppInfoList,
  type AppPolicy,
  type AppPolicyList,
  type CallOptions,
  type PolicyChangeResult,
} from './types';
import { canOmitAppId, validateIdentity, validateSystemPolicyNames } from './requestValidation';
import { isPlainObject } from './plainObject';

/** ListAppInfo's documented maximum page size. */
const PAGE_SIZE = 100;

export interface AppInfoFilter {
  /** `Normal` or `Disable`. */
  readonly status?: string;
  readonly resourceGroupId?: string;
}

export class VodClient extends ProductClient {
  private readonly beforePolicyListing: ClientOptions['beforePolicyListing'];

  constructor(options: ClientOptions) {
    super('vod', options);
    this.beforePolicyListing = options.beforePolicyListing;
  }

  /** Revokes app policies. Names the identity does not hold come back in nonExistPolicyNames, not as an error. */
  detachAppPolicyFromIdentity(identity: AppIdentity, policyNames: readonly string[], options?: CallOptions): Promise<PolicyChangeResult> {
    return this.changePolicies('DetachAppPolicyFromIdentity', identity, policyNames, options);
  }

  attachAppPolicyToIdentity(identity: AppIdentity, policyNames: readonly string[], options?: CallOptions): Promise<PolicyChangeResult> {
    return this.changePolicies('AttachAppPolicyToIdentity', identity, policyNames, options);
  }

  /**
   * Up to 100 policies (at most 10 can exist per identity), no paging. Only an application administrator's answer
   * is the identity's: `beforePolicyListing` refuses the others before anything is sent (a failed record).
   */
  listAppPoliciesForIdentity(identity: AppIdentity, options?: CallOptions): Promise<AppPolicyList> {
    const appId = identity?.appId ?? DEFAULT_APP_ID;
    const before = this.beforePolicyListing;
    return this.channel.call(
      {
        action: 'ListAppPoliciesForIdentity',
        target: `app policies of ${describeIdentity(identity, appId)}`,
        params: { IdentityType: identity?.identityType, IdentityName: identity?.identityName, AppId: appId },
        validate: () => validateIdentity(identity),
        ...(before ? { precheck: () => before(identity) } : {}),
        parse: (body, requestId) => ({ requestId, policies: parsePolicies(body, appId) }),
      },
      options,
    );
  }

  /**
   * The caller's own app policies in app-1000000 (cloud/appAdministrator.ts): no IdentityType/IdentityName, which
   * VOD answers with the signing identity's own policies; `self` names the caller when VOD insists on a name.
   */
  listOwnAppPolicies(self?: AppIdentity, options?: CallOptions): Promise<AppPolicyList> {
    return this.channel.call(
      {
        action: 'ListAppPoliciesForIdentity',
        target: self ? `app policies of ${describeIdentity(self, DEFAULT_APP_ID)} (the caller)` : `app policies of the caller in ${DEFAULT_APP_ID}`,
        params: { IdentityType: self?.identityType, IdentityName: self?.identityName, AppId: DEFAULT_APP_ID },
        validate: () => (self ? validateIdentity(self) : undefined),
        parse: (body, requestId) => ({ requestId, policies: parsePolicies(body, DEFAULT_APP_ID) }),
      },
      options,
    );
  }

  /** Every application, 100 per page. Each page is its own call and CallRecord; requestId is the first page's. */
  async listAppInfo(filter: AppInfoFilter = {}, options?: CallOptions): Promise<AppInfoList> {
    const apps: AppInfo[] = [];
    let firstRequestId: string | undefined;
    let total = 0;
    for (let pageNo = 1; pageNo <= MAX_PAGES; pageNo++) {
      const page = await this.channel.call(
        {
          action: 'ListAppInfo',
          target: pageNo === 1 ? 'applications' : `applications (page ${pageNo})`,
          params: { Status: filter?.status, ResourceGroupId: filter?.resourceGroupId, PageNo: pageNo, PageSize: PAGE_SIZE },
          validate: () => validateAppFilter(filter),
          parse: parseAppPage,
        },
        options,
      );
      firstRequestId ??= page.requestId;
      total = page.total ?? total;
      apps.push(...page.apps);
      const done = page.apps.length < PAGE_SIZE || (page.total !== undefined && apps.length >= page.total);
      if (done) {
        return { requestId: firstRequestId, total: Math.max(total, apps.length), apps };
      }
    }
    throw badResponseError(l10n.t('{0} did not finish within {1} pages.', 'ListAppInfo', MAX_PAGES));
  }

  private changePolicies(
    action: 'DetachAppPolicyFromIdentity' | 'AttachAppPolicyToIdentity',
    identity: AppIdentity,
    policyNames: readonly string[],
    options?: CallOptions,
  ): Promise<PolicyChangeResult> {
    // AppId is optional only for VODAppAdministratorAccess alone; otherwise the default app is meant.
    const names = Array.isArray(policyNames) ? policyNames : [];
    const appId = identity?.appId ?? (canOmitAppId(names) ? undefined : DEFAULT_APP_ID);
    return this.channel.call<PolicyChangeResult>(
      {
        action,
        target: describeIdentity(identity, appId),
        params: {
          IdentityType: identity?.identityType,
          IdentityName: identity?.identityName,
          AppId: appId,
          PolicyNames: names.join(','),
        },
        validate: () => validateIdentity(identity) ?? validateSystemPolicyNames(policyNames),
        parse: (body, requestId) => ({
          requestId,
          nonExistPolicyNames: serverNames(policyNameList(body.NonExistPolicyNames)),
          failedPolicyNames: serverNames(policyNameList(body.FailedPolicyNames)),
        }),
        describe: (result) => ({ nonExistPolicyNames: result.nonExistPolicyNames, failedPolicyNames: result.failedPolicyNames }),
        readBack: {
          action: 'ListAppPoliciesForIdentity',
          read: async (readOptions) => {
            // An omitted AppId means the default application, which is also what the listing reads by default.
            const list = await this.listAppPoliciesForIdentity({ ...identity, ...(appId ? { appId } : {}) }, readOptions);
            const held = new Set(list.policies.map((p) => p.policyName));
            return { requestId: list.requestId, ...policyChangeShown(action, names, held) };
          },
        },
      },
      options,
    );
  }
}

/**
 * What a listing says about a policy change whose answer was lost. Detach: every name still held means nothing
 * happened (retrying is safe); otherwise it happened, and a name still held was not detached (FailedPolicyNames,
 * as the server reports a protected policy). Attach: it is confirmed only when every name is held; anything less
 * is retried, which is safe because re-attaching a held policy is a no-op and the retry's answer then says which
 * names could not be attached.
 */
function policyChangeShown(
  action: 'DetachAppPolicyFromIdentity' | 'AttachAppPolicyToIdentity',
  names: readonly string[],
  held: ReadonlySet<string>,
): Pick<ReadBackResult<PolicyChangeResult>, 'confirm'> {
  const stillHeld = names.filter((n) => held.has(n));
  const done = action === 'DetachAppPolicyFromIdentity' ? stillHeld.length < names.length : stillHeld.length === names.length;
  if (!done) return {};
  const failed = action === 'DetachAppPolicyFromIdentity' ? stillHeld : [];
  return { confirm: (ack) => ({ ...ack, nonExistPolicyNames: [], failedPolicyNames: failed }) };
}

function validateAppFilter(filter: AppInfoFilter | undefined): string | undefined {
  if (filter === undefined || filter === null) return undefined;
  if (typeof filter !== 'object') return l10n.t('The application filter must be an object.');
  if (filter.status !== undefined && !/^[A-Za-z]{1,32}$/.test(filter.status)) {
    return l10n.t('Application status "{0}" must be a word such as Normal or Disable.', String(filter.status));
  }
  if (filter.resourceGroupId !== undefined && !/^[A-Za-z0-9-]{1,64}$/.test(filter.resourceGroupId)) {
    return l10n.t('Resource group id "{0}" may contain only letters, digits and hyphens.', String(filter.resourceGroupId));
  }
  return undefined;
}

function parsePolicies(body: ResponseBody, requestedAppId: string): AppPolicy[] {
  const policies: AppPolicy[] = [];
  for (const item of listItems(body.AppPolicyList, 'AppPolicy')) {
    if (!isPlainObject(item)) continue;
    const policyName = optionalString(item.PolicyName);
    if (!policyName) continue;
    policies.push(
      withOptional(
        {
          appId: optionalString(item.AppId) ?? requestedAppId,
          policyName,
          policyType: (/^system$/i.test(optionalString(item.PolicyType) ?? '') ? 'System' : 'Custom') as AppPolicy['policyType'],
        },
        {
          policyValue: optionalString(item.PolicyValue),
          description: optionalString(item.Description),
          creationTime: optionalString(item.CreationTime),
          modificationTime: optionalString(item.ModificationTime),
        },
      ),
    );
  }
  return policies;
}

interface AppPage {
  readonly requestId: string;
  readonly total?: number;
  readonly apps: AppInfo[];
}

function parseAppPage(body: ResponseBody, requestId: string): AppPage {
  const apps: AppInfo[] = [];
  for (const item of listItems(body.AppInfoList, 'AppInfo')) {
    if (!isPlainObject(item)) continue;
    const appId = optionalString(item.AppId);
    if (!appId) continue;
    apps.push(
      withOptional(
        { appId, appName: optionalString(item.AppName) ?? '' },
        {
          type: optionalString(item.Type),
          status: optionalString(item.Status),
          description: optionalString(item.Description),
          creationTime: optionalString(item.CreationTime),
          modificationTime: optionalString(item.ModificationTime),
        },
      ),
    );
  }
  const total = optionalNumber(body.Total);
  return { requestId, apps, ...(total !== undefined ? { total } : {}) };
}

/** Adds only the optional fields that have a value, so results compare cleanly and serialize without nulls. */
function withOptional<T extends Record<string, unknown>, O extends Record<string, string | undefined>>(base: T, optional: O): T & Partial<Record<keyof O, string>> {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) out[key] = value;
  }
  return out as T & Partial<Record<keyof O, string>>;
}
