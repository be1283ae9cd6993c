// STS (product sts, API 2015-04-01, https://sts.<region>.aliyuncs.com): who the signing key is. Every confirmation
// of a change names the account it happens in, read from here rather than guessed from the profile's name.

import * as l10n from '@vscode/l10n';
import { ProductClient, type ClientOptions } from './clientOptions';
import { badResponseError } from './popCoreErrors';
import { optionalString } from './responses';
import type { AccessKeyCredentials, CallerIdentity, CallOptions } from './types';

/** What AssumeRole is asked for. */
export interface AssumeRoleRequest {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly durationSeconds?: number;
  readonly externalId?: string;
}

/** STS AssumeRole's answer: a temporary key (in memory only, never recorded) and until when it works. */
export interface AssumedRole {
  readonly requestId: string;
  readonly credentials: Required<Pick<AccessKeyCredentials, 'accessKeyId' | 'accessKeySecret' | 'securityToken'>>;
  /** ISO time, as STS said it (`YYYY-MM-DDThh:mm:ssZ`). */
  readonly expiration: string;
  readonly assumedRoleArn?: string;
}

export class StsClient extends ProductClient {
  constructor(options: ClientOptions) {
    super('sts', options);
  }

  getCallerIdentity(options?: CallOptions): Promise<CallerIdentity> {
    return this.channel.call(
      {
        action: 'GetCallerIdentity',
        target: 'caller identity',
        params: {},
        parse: (body, requestId) => {
          const accountId = optionalString(body.AccountId);
          const arn = optionalString(body.Arn);
          if (!accountId || !/^\d{1,64}$/.test(accountId) || !arn) {
            throw badResponseError(l10n.t('GetCallerIdentity answered without a numeric AccountId and an Arn.'));
          }
          const principalId = optionalString(body.PrincipalId);
          return { requestId, accountId, arn, identityType: optionalString(body.IdentityType) ?? '', ...(principalId ? { principalId } : {}) };
        },
      },
      options,
    );
  }

  /** Temporary credentials for a role. The record names the role and session; the answer's secrets stay here. */
  assumeRole(request: AssumeRoleRequest, options?: CallOptions): Promise<AssumedRole> {
    return this.channel.call(
      {
        action: 'AssumeRole',
        target: `role ${request.roleArn} as ${request.sessionName}`,
        params: {
          RoleArn: request.roleArn,
          RoleSessionName: request.sessionName,
          DurationSeconds: request.durationSeconds,
          ExternalId: request.externalId,
        },
        validate: () =>
          typeof request.roleArn !== 'string' || !request.roleArn.startsWith('acs:ram::')
            ? l10n.t('RoleArn must look like acs:ram::<AccountId>:role/<role name>.')
            : undefined,
        parse: (body, requestId) => {
          const c = (body.Credentials ?? {}) as Record<string, unknown>;
          const accessKeyId = optionalString(c.AccessKeyId);
          const accessKeySecret = optionalString(c.AccessKeySecret);
          const securityToken = optionalString(c.SecurityToken);
          const expiration = optionalString(c.Expiration);
          if (!accessKeyId || !accessKeySecret || !securityToken || !expiration || Number.isNaN(Date.parse(expiration))) {
            throw badResponseError(l10n.t('AssumeRole answered without a complete temporary key and its Expiration.'));
          }
          const user = (body.AssumedRoleUser ?? {}) as Record<string, unknown>;
          const assumedRoleArn = optionalString(user.Arn);
          return { requestId, credentials: { accessKeyId, accessKeySecret, securityToken }, expiration, ...(assumedRoleArn ? { assumedRoleArn } : {}) };
        },
      },
      options,
    );
  }
}
