// STS (product sts, API 2015-04-01, https://sts.<region>.aliyuncs.com): who the signing key is. Every confirmation
// of a change names the account it happens in, read from here rather than guessed from the profile's name.

import { ProductClient, type ClientOptions } from './clientOptions';
import { badResponseError } from './errors';
import { optionalString } from './responses';
import type { CallerIdentity, CallOptions } from './types';

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
            throw badResponseError('GetCallerIdentity answered without a numeric AccountId and an Arn.');
          }
          const principalId = optionalString(body.PrincipalId);
          return { requestId, accountId, arn, identityType: optionalString(body.IdentityType) ?? '', ...(principalId ? { principalId } : {}) };
        },
      },
      options,
    );
  }
}
