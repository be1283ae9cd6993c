// Temporary credentials issued by the emulated STS AssumeRole. Every product accepts them until they expire, so a
// client can be tested end to end: assume a role, call MPS with the STS key and token, watch the token expire.
// Expiry runs on its own clock (the emulator's clock plus an offset tests can advance), because moving the clock
// that checks request Timestamps by 15+ minutes would make every request fail InvalidTimeStamp.Expired instead.
import { randomBytes } from 'node:crypto';

export interface StsSession {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  /** ms since epoch, on the STS clock. */
  expiresAt: number;
  accountId: string;
  roleId: string;
  roleName: string;
  sessionName: string;
}

/** Tokens the emulator issues start with the prefix real STS tokens carry; anything else is Malformed. */
const TOKEN_PREFIX = 'CAIS';
const TOKEN_SHAPE = /^CAIS[A-Za-z0-9+/]{40,}={0,2}$/;
const MAX_SESSIONS = 10_000;

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789';
function randomAlnum(n: number): string {
  const bytes = randomBytes(n);
  let out = '';
  for (const b of bytes) out += ALNUM[b % ALNUM.length];
  return out;
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

export class StsSessions {
  private readonly byKey = new Map<string, StsSession>();
  private offsetMs = 0;
  private lifetimeOverrideSeconds: number | undefined;

  constructor(private readonly clock: () => number) {}

  /** The STS clock: the emulator's clock plus whatever tests advanced it by. */
  now(): number { return this.clock() + this.offsetMs; }

  /** Moves the STS clock forward (expiry checks and new Expirations), not the request-Timestamp clock. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('advance must be a non-negative number of ms');
    this.offsetMs += ms;
  }

  /** Credentials issued from now on live `seconds` whatever DurationSeconds asked for; undefined restores it. */
  setLifetimeOverride(seconds: number | undefined): void {
    if (seconds !== undefined && (!Number.isFinite(seconds) || seconds <= 0)) throw new Error('lifetime must be a positive number of seconds');
    this.lifetimeOverrideSeconds = seconds;
  }

  issue(o: { accountId: string; roleId: string; roleName: string; sessionName: string; durationSeconds: number }): StsSession {
    if (this.byKey.size >= MAX_SESSIONS) this.byKey.delete(this.byKey.keys().next().value as string);
    const lifetime = this.lifetimeOverrideSeconds ?? o.durationSeconds;
    const session: StsSession = {
      accessKeyId: `STS.${randomAlnum(25)}`,
      accessKeySecret: randomAlnum(44),
      securityToken: TOKEN_PREFIX + randomBytes(96).toString('base64'),
      // Expiration is reported to the second, so the session ends on that second too.
      expiresAt: Math.floor((this.now() + lifetime * 1000) / 1000) * 1000,
      accountId: o.accountId, roleId: o.roleId, roleName: o.roleName, sessionName: o.sessionName,
    };
    this.byKey.set(session.accessKeyId, session);
    return session;
  }

  find(accessKeyId: string): StsSession | undefined { return this.byKey.get(accessKeyId); }
  all(): StsSession[] { return [...this.byKey.values()]; }
  isExpired(s: StsSession): boolean { return this.now() >= s.expiresAt; }

  /** Forgets every session and the clock offset (POST /__emulator/reset). */
  reset(): void {
    this.byKey.clear();
    this.offsetMs = 0;
    this.lifetimeOverrideSeconds = undefined;
  }
}
