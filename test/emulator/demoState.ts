// The built-in world. It lives in demo-state.json so that the documented example file and the state the
// emulator starts with can never drift apart.
import demo from './demo-state.json';
import { parseState, type EmulatorStateJson } from './state';

/** A fresh, validated copy of the demo state (callers may mutate it). */
export function demoState(): EmulatorStateJson {
  return parseState(JSON.parse(JSON.stringify(demo)));
}

/** The demo account's id (the first account: it owns the demo buckets and apps). */
export const DEMO_ACCOUNT_ID: string = demo.accounts[0].accountId;
/** The second demo account, whose RAM user holds DEMO_PARTNER_KEY. */
export const DEMO_PARTNER_ACCOUNT_ID: string = demo.accounts[1].accountId;

/**
 * UserId of a demo RAM user by login name. VOD addresses users by UserId, so tests and the demo configure
 * identities with this rather than copying digit strings around; an unknown name throws.
 */
export function demoUserId(userName: string): string {
  for (const account of demo.accounts) {
    const user = account.users.find((u) => u.userName === userName);
    if (user) return user.userId;
  }
  throw new Error(`no demo RAM user is named ${userName}`);
}
