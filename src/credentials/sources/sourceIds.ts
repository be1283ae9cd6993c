// The values a profile's `credentialSource` may take, on their own: the profile type (settings/profileConfig.ts)
// names them, and the strategies (index.ts) are keyed by them and checked against them, so neither has to import
// the other's file. package.json's enum lists the same values (test/unit/credentials/credentialSources.test.ts).
// No VS Code import.

export const CREDENTIAL_SOURCES = ['keychain', 'environment', 'aliyun-cli'] as const;

export type CredentialSource = (typeof CREDENTIAL_SOURCES)[number];
