// The aliyun CLI command that fixes a profile, for messages. Its own small file: the activation bundle names it (in
// the aliyun CLI source's hints) without carrying the config reader (cliConfig.ts). No VS Code import.

/** What to run to fix a profile: the CLI's own command for it. */
export function configureCommand(profile: string | undefined): string {
  return profile ? `aliyun configure --profile ${profile}` : 'aliyun configure';
}
