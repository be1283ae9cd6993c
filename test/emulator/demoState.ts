// The built-in world. It lives in demo-state.json so that the documented example file and the state the
// emulator starts with can never drift apart.
import demo from './demo-state.json';
import { parseState, type EmulatorStateJson } from './state';

/** A fresh, validated copy of the demo state (callers may mutate it). */
export function demoState(): EmulatorStateJson {
  return parseState(JSON.parse(JSON.stringify(demo)));
}
