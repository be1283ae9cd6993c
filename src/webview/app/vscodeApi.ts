// The webview's handle on VS Code: posting messages and the per-panel state that survives the panel being hidden
// (the panel does not use retainContextWhenHidden, so the page reloads when shown again).

import type { InspectorRequest } from '../messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

// acquireVsCodeApi may be called only once per page.
const api = acquireVsCodeApi();

export function post(message: InspectorRequest): void {
  api.postMessage(message);
}

export function loadState(): unknown {
  return api.getState();
}

export function saveState(state: unknown): void {
  api.setState(state);
}
