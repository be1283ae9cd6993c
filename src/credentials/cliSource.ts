// The aliyun CLI credential source, loaded on first use (esbuild.js LAZY_BUNDLES: dist/cliCredentials.js). Type-only
// imports are erased, so @alicloud/credentials is never loaded for profiles that do not read the CLI's file.

import type * as Cli from './cliProvider';

type CliModule = Pick<typeof Cli, 'cliCredentials' | 'cliRoute' | 'forgetCliProviders' | 'retainCliProviders'>;

let loaded: CliModule | undefined;

export function cliSource(): CliModule {
  loaded ??= require('./cliProvider') as CliModule;
  return loaded;
}

/** When settings or keys change and on deactivate: drop the library's sessions, without loading it to find none. */
export function forgetCliProvidersIfLoaded(): void {
  loaded?.forgetCliProviders();
}

/** After the settings changed: sessions of CLI profiles no extension profile reads any more are dropped. */
export function retainCliProvidersIfLoaded(profiles: readonly { readonly name: string; readonly credentialSource: string; readonly cliProfile?: string }[]): void {
  loaded?.retainCliProviders(profiles.filter((p) => p.credentialSource === 'aliyun-cli'));
}
