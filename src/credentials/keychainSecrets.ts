// How one profile's AccessKey is kept in SecretStorage: the entry's key and its JSON. No VS Code import: the store
// is anything with SecretStorage's get/store/delete, so this is unit-tested.

import type { AccessKeyCredentials } from '../cloud';

/** The subset of vscode.SecretStorage used here. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

const KEY_PREFIX = 'alicloudMedia.accessKey/';

export function secretKeyFor(profileName: string): string {
  return `${KEY_PREFIX}${profileName}`;
}

/** The profile a changed secret belongs to, or undefined for keys that are not ours. */
export function profileOfSecretKey(key: string): string | undefined {
  return key.startsWith(KEY_PREFIX) ? key.slice(KEY_PREFIX.length) : undefined;
}

export function serializeCredentials(credentials: AccessKeyCredentials): string {
  return JSON.stringify({
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}),
  });
}

/** Undefined for anything that is not the JSON we wrote: a corrupted entry must not be half-used. */
export function parseStoredCredentials(text: string | undefined): AccessKeyCredentials | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (typeof value?.accessKeyId !== 'string' || typeof value.accessKeySecret !== 'string') return undefined;
    return {
      accessKeyId: value.accessKeyId,
      accessKeySecret: value.accessKeySecret,
      ...(typeof value.securityToken === 'string' && value.securityToken ? { securityToken: value.securityToken } : {}),
    };
  } catch {
    return undefined;
  }
}
