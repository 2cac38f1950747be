import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { QuietLogger } from './quiet-logger';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** LOG_LEVEL (info, trace, silent…) as Nest's levels; false = silent. */
export function nestLogLevels(level: string): LogLevel[] | false {
  if (level === 'silent') return false;
  const mapped = level === 'info' ? 'log' : level === 'trace' ? 'verbose' : (level as LogLevel);
  return LEVELS.slice(0, LEVELS.indexOf(mapped) + 1);
}

/**
 * The process logger for LOG_LEVEL and LOG_FORMAT. json: one JSON object per line ({level, pid,
 * timestamp, message, context}, errors with their stack in `stack`), no colours. Nest's boot chatter is
 * dropped below `debug` either way.
 */
export function createAppLogger(level: string, format: 'json' | 'pretty'): ConsoleLogger | false {
  const logLevels = nestLogLevels(level);
  if (logLevels === false) return false;
  const options = format === 'json' ? { logLevels, json: true, colors: false } : { logLevels };
  return logLevels.includes('debug') ? new ConsoleLogger(options) : new QuietLogger(options);
}
