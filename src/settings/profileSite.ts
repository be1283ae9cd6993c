// The site of a profile by its name, straight from the user's settings, for adapters that hold a record rather
// than the settings reader (the Request Inspector opens a record's Troubleshoot link on its profile's site). Only
// the user-level value is read, as ProfileSettings reads it.

import * as vscode from 'vscode';
import { siteOf, type Site } from '../cloud/sites';
import { parseProfiles } from './parseProfiles';

/** Undefined when no profile of that name is configured now (removed or renamed since the record was made). */
export function siteOfProfileNamed(name: string | undefined): Site | undefined {
  if (!name) return undefined;
  const raw = vscode.workspace.getConfiguration('alicloudMedia').inspect<unknown>('profiles')?.globalValue;
  const profile = parseProfiles(raw).profiles.find((p) => p.name === name);
  return profile ? siteOf(profile) : undefined;
}
