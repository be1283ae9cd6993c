// AccessKeys from environment variables, in the spellings people already export for the aliyun CLI and
// Terraform. Pure: takes the environment as an argument so tests never touch process.env.

import type { AccessKeyCredentials } from '../cloud';

/** Variable name triples in order of preference: the official SDK names first, then the CLI's, then Terraform's. */
export const ENVIRONMENT_SPELLINGS: readonly { id: string; secret: string; token: string }[] = [
  { id: 'ALIBABA_CLOUD_ACCESS_KEY_ID', secret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', token: 'ALIBABA_CLOUD_SECURITY_TOKEN' },
  { id: 'ALIBABACLOUD_ACCESS_KEY_ID', secret: 'ALIBABACLOUD_ACCESS_KEY_SECRET', token: 'ALIBABACLOUD_SECURITY_TOKEN' },
  { id: 'ALICLOUD_ACCESS_KEY_ID', secret: 'ALICLOUD_ACCESS_KEY_SECRET', token: 'ALICLOUD_SECURITY_TOKEN' },
  { id: 'ALICLOUD_ACCESS_KEY', secret: 'ALICLOUD_SECRET_KEY', token: 'ALICLOUD_SECURITY_TOKEN' },
];

export interface EnvironmentCredentials {
  readonly credentials: AccessKeyCredentials;
  /** Which variable held the id, for messages ("from ALIBABA_CLOUD_ACCESS_KEY_ID"). Never the value. */
  readonly source: string;
}

function value(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/**
 * The first spelling whose id AND secret are both set wins; the token comes from the same family so an id from
 * one tool is never paired with another tool's token. Undefined when no complete pair is set.
 */
export function readEnvironmentCredentials(env: Readonly<Record<string, string | undefined>>): EnvironmentCredentials | undefined {
  for (const spelling of ENVIRONMENT_SPELLINGS) {
    const accessKeyId = value(env, spelling.id);
    const accessKeySecret = value(env, spelling.secret);
    if (!accessKeyId || !accessKeySecret) continue;
    const securityToken = value(env, spelling.token);
    return {
      credentials: { accessKeyId, accessKeySecret, ...(securityToken ? { securityToken } : {}) },
      source: spelling.id,
    };
  }
  return undefined;
}
