import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(private readonly db: DataSource) {}

  async check(): Promise<{ status: 'ok'; uptime_s: number; database: 'ok' }> {
    await this.db.query('SELECT 1');
    return {
      status: 'ok',
      uptime_s: Math.round((Date.now() - this.startedAt) / 1000),
      database: 'ok',
    };
  }
}
