import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { SessionInfo } from '@gateway/contracts';
import { NotFoundError, UnauthenticatedError } from '../../common/domain-errors';
import { sha256Hex } from '../../common/secrets';
import { isUuid } from '../../common/uuid';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuthRepository } from './auth.repository';
import type { SessionEntity } from './session.entity';

// A sliding session is moved forward at most this often, so a busy dashboard is not a write per call.
const TOUCH_EVERY_MS = 60_000;

/**
 * Session tokens: 256 random bits shown once, stored as a SHA-256 hash. A session expires
 * SESSION_TTL_HOURS after its last use (sliding) and can be revoked one by one or all at once.
 */
@Injectable()
export class SessionsService {
  private readonly ttlMs: number;

  constructor(
    private readonly repo: AuthRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ttlMs = config.access.sessionTtlMs;
  }

  /** A new session; the token is returned once. */
  async open(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.repo.createSession({
      id: randomUUID(),
      userId,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(Date.now() + this.ttlMs),
    });
    return token;
  }

  /** The live session of a token, its expiry moved forward; 401 when unknown, expired or revoked. */
  async resolve(token: string): Promise<SessionEntity> {
    const now = new Date();
    const session = await this.repo.findLiveSession(sha256Hex(token), now);
    if (!session) throw new UnauthenticatedError('Session expired or invalid: log in again');
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    if (
      expiresAt.getTime() - session.expiresAt.getTime() >=
      Math.min(TOUCH_EVERY_MS, this.ttlMs / 2)
    ) {
      await this.repo.touchSession(session.id, now, expiresAt);
    }
    return session;
  }

  async list(userId: string, currentId: string | undefined): Promise<SessionInfo[]> {
    const sessions = await this.repo.listLiveSessions(userId, new Date());
    return sessions.map((s) => ({
      id: s.id,
      created_at: s.createdAt.toISOString(),
      last_used_at: s.lastUsedAt.toISOString(),
      expires_at: s.expiresAt.toISOString(),
      current: s.id === currentId,
    }));
  }

  async revoke(userId: string, sessionId: string): Promise<void> {
    const ended = isUuid(sessionId) ? await this.repo.deleteSession(userId, sessionId) : 0;
    if (ended === 0) throw new NotFoundError('Session');
  }

  /** Logs the user out everywhere; the number of sessions ended. */
  async revokeAll(userId: string): Promise<number> {
    const ended = await this.repo.deleteSessionsOf(userId);
    await this.repo.deleteExpiredSessions(new Date());
    return ended;
  }
}
