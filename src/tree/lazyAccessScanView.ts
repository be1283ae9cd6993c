// Find Access to App's rows are drawn by code that loads on first use (esbuild.js LAZY_BUNDLES): such rows exist
// only after the command ran, so a session that never scans never loads it. Type-only import: erased.

import type * as View from './accessScanView';

let view: typeof View | undefined;

export function accessScanView(): typeof View {
  view ??= require('./accessScanView') as typeof View;
  return view;
}
