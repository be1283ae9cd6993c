// The command manifest: every command the extension contributes, once, by name (its id is `alicloudMedia.<name>`)
// with the loader that implements it. The ids (COMMANDS), the registrations made at activation and the table each
// loader must supply all derive from this list, so adding a command is one entry here, its file, one line in its
// loader's table, and its contribution in package.json (a unit test checks package.json against this list in both
// directions, so a renamed id cannot leave a menu pointing at nothing). No VS Code import: unit tests read it too.
//
// The loaders (the compiler checks that each one's table holds exactly its commands):
//   - 'commands': commands/index.ts, bundled into dist/commands.js and loaded on the first command run;
//   - 'history':  history/registerRequestHistory.ts, built at activation with the request history and inspector.

export type CommandLoader = 'commands' | 'history';

export const COMMAND_MANIFEST = {
  refresh: 'commands',
  showOutput: 'commands',
  copyRequestId: 'commands',
  copy: 'commands',
  addProfile: 'commands',
  removeProfile: 'commands',
  importCliProfiles: 'commands',
  setCredentials: 'commands',
  clearCredentials: 'commands',
  addOutputBucket: 'commands',
  addOutputBucketsFromAccount: 'commands',
  removeOutputBucket: 'commands',
  addInputBucket: 'commands',
  addInputBucketsFromAccount: 'commands',
  removeInputBucket: 'commands',
  addIdentity: 'commands',
  removeIdentity: 'commands',
  rewriteIdentityIds: 'commands',
  unbindOutputBucket: 'commands',
  unbindInputBucket: 'commands',
  detachAppPolicy: 'commands',
  revokeAllMediaAccess: 'commands',
  findAccessToApp: 'commands',
  cancelAccessScan: 'commands',
  dismissAccessScan: 'commands',
  addFoundIdentity: 'commands',
  undo: 'commands',
  openRequestInspector: 'history',
  exportRequestHistory: 'history',
  clearHistory: 'history',
  openInConsole: 'commands',
  openWalkthrough: 'commands',
  actionTrail: 'commands',
  recentChanges: 'commands',
  lookUpRequestId: 'commands',
} as const satisfies Readonly<Record<string, CommandLoader>>;

type Manifest = typeof COMMAND_MANIFEST;

/** A command's key in the manifest (`refresh`), as the loaders' tables are keyed. */
export type CommandName = keyof Manifest;

/** A command's id: its name in the extension's namespace. */
export type CommandId = `alicloudMedia.${CommandName}`;

export function commandId<N extends CommandName>(name: N): `alicloudMedia.${N}` {
  return `alicloudMedia.${name}`;
}

/** `COMMANDS.refresh` is `'alicloudMedia.refresh'`: how code names a command. */
export const COMMANDS = Object.fromEntries(Object.keys(COMMAND_MANIFEST).map((name) => [name, commandId(name as CommandName)])) as {
  readonly [N in CommandName]: `alicloudMedia.${N}`;
};

/** The names of the commands `load` implements. */
export type CommandsOf<L extends CommandLoader> = { [N in CommandName]: Manifest[N] extends L ? N : never }[CommandName];

export function commandsOf<L extends CommandLoader>(load: L): CommandsOf<L>[] {
  return (Object.keys(COMMAND_MANIFEST) as CommandName[]).filter((name): name is CommandsOf<L> => COMMAND_MANIFEST[name] === load);
}
