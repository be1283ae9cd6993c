// Which extension profiles "Import aliyun CLI Profiles…" adds: one per chosen CLI profile, named after it, in its
// region_id, on the site the file names (`oauth_site_type`; see cloud/sites.ts), referring to it by name
// (`credentialSource: "aliyun-cli"`, `cliProfile`), never holding its keys.
// Pure, so the naming rules are unit-tested. No VS Code import.

import * as l10n from '@vscode/l10n';
import { siteOfCliProfile } from '../cloud/sites';
import type { CliProfileEntry } from '../credentials/cliConfig';
import type { NewProfile } from './profileEdits';
import type { Profile } from './profileConfig';
import { PROFILE_REGIONS, validateCliProfileName, validateProfileName } from './parseProfiles';

/** Where a CLI profile without a usable region_id lands (the user changes it in settings). */
export const FALLBACK_REGION = 'cn-shanghai';

export interface ImportPlan {
  readonly add: readonly (NewProfile & { readonly cliProfile: string; readonly regionFallback: boolean })[];
  readonly skipped: readonly { readonly cliProfile: string; readonly reason: string }[];
}

/** A profile name the settings accept, from a CLI profile name (which may hold anything). */
export function profileNameFor(cliName: string): string {
  const cleaned = cliName.replace(/[^A-Za-z0-9 ._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 64).trim();
  return cleaned || 'aliyun-cli';
}

/**
 * Names clash with existing profiles (or each other) get `-cli`, then `-cli-2`, …; a CLI profile some extension
 * profile already refers to is skipped rather than imported twice.
 */
export function planCliImport(chosen: readonly CliProfileEntry[], existing: readonly Profile[]): ImportPlan {
  const taken = new Set(existing.map((p) => p.name));
  const add: ImportPlan['add'][number][] = [];
  const skipped: ImportPlan['skipped'][number][] = [];
  for (const entry of chosen) {
    const refProblem = validateCliProfileName(entry.name);
    if (refProblem) {
      skipped.push({ cliProfile: entry.name, reason: l10n.t('its name cannot be referred to ({0})', refProblem) });
      continue;
    }
    const already = existing.find((p) => p.credentialSource === 'aliyun-cli' && p.cliProfile === entry.name);
    if (already) {
      skipped.push({ cliProfile: entry.name, reason: l10n.t('profile "{0}" already uses it', already.name) });
      continue;
    }
    const base = profileNameFor(entry.name);
    let name = base;
    for (let n = 1; taken.has(name) || validateProfileName(name) !== undefined; n++) {
      const suffix = n === 1 ? '-cli' : `-cli-${n}`;
      name = `${base.slice(0, 64 - suffix.length)}${suffix}`;
      if (n > 1000) break;
    }
    taken.add(name);
    const regionOk = entry.regionId !== undefined && PROFILE_REGIONS.includes(entry.regionId);
    const site = siteOfCliProfile(entry.fields);
    add.push({
      name,
      region: regionOk ? (entry.regionId as string) : FALLBACK_REGION,
      ...(site ? { site } : {}),
      credentialSource: 'aliyun-cli',
      cliProfile: entry.name,
      regionFallback: !regionOk,
    });
  }
  return { add, skipped };
}
