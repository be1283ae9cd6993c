// Makes `require('vscode')` answer with the stand-in of test/support/vscodeApi.ts (no VS Code runs under mocha).
// Unit tests import this file first; it re-exports what tests use to steer the stand-in.
import Module from 'node:module';
import standIn from './vscodeApi';

const STAND_IN_ID = '\0vscode-stand-in';
type Resolve = (request: string, ...rest: unknown[]) => string;
const internals = Module as unknown as { _resolveFilename: Resolve; _cache: Record<string, unknown> };
const resolve = internals._resolveFilename;
internals._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? STAND_IN_ID : resolve.call(this, request, ...rest);
};
internals._cache[STAND_IN_ID] = { id: STAND_IN_ID, filename: STAND_IN_ID, loaded: true, exports: standIn } as unknown;

export { setUserSettings, statusBarTexts, executedCommands } from './vscodeApi';
export { useBundle } from './l10n';
