// Unit tests of modules that word their texts with vscode.l10n.t (the words adapters, e.g.
// src/commands/confirmationWords.ts) run without VS Code. Importing this file first makes `require('vscode')`
// answer with a stand-in that has only `l10n` (test/support/l10n.ts: English, or a bundle a test loads with
// useBundle); any other VS Code API throws, so a test cannot come to depend on a fake of it.
import Module from 'node:module';
import * as l10n from './l10n';

// `l10n` is an own property of the target: module interop copies own properties into the namespace object.
const standIn = new Proxy(
  { l10n: { t: l10n.t } },
  {
    get(target, name) {
      if (name === '__esModule' || typeof name === 'symbol') return undefined;
      if (name === 'l10n') return target.l10n;
      throw new Error(`unit tests have no VS Code: vscode.${String(name)} was used`);
    },
  },
);

const STAND_IN_ID = '\0vscode-l10n-stand-in';
type Resolve = (request: string, ...rest: unknown[]) => string;
const internals = Module as unknown as { _resolveFilename: Resolve; _cache: Record<string, unknown> };
const resolve = internals._resolveFilename;
internals._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? STAND_IN_ID : resolve.call(this, request, ...rest);
};
internals._cache[STAND_IN_ID] = { id: STAND_IN_ID, filename: STAND_IN_ID, loaded: true, exports: standIn } as unknown;

export const { useBundle } = l10n;
