import { readEnvironment } from '../settings/load-setting.js'
import type { Redactor } from '../settings/secrets.js'

export const logLevels = ['debug', 'info', 'warn', 'error', 'off'] as const
export type LogLevel = (typeof logLevels)[number]

/**
 * Where the clients report what they do: `console`, pino, or anything with
 * these four methods. Each message reads on its own (structured loggers may
 * drop `details`); every value in both is already redacted.
 */
export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void
  info(message: string, details?: Record<string, unknown>): void
  warn(message: string, details?: Record<string, unknown>): void
  error(message: string, details?: Record<string, unknown>): void
}

/** The environment variable that sets the level when the settings do not. */
export const logLevelVariable = 'CUSTOMER_GROUPS_LOG'

const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 }

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (logLevels as readonly string[]).includes(value)
}

/** The level from the settings, else from CUSTOMER_GROUPS_LOG (read when the client is created), else `warn`. */
export function resolveLogLevel(setting: LogLevel | undefined): LogLevel {
  if (setting !== undefined) return setting
  const fromEnvironment = readEnvironment(logLevelVariable)?.toLowerCase()
  return isLogLevel(fromEnvironment) ? fromEnvironment : 'warn'
}

export interface LevelledLogger extends Logger {
  /** Whether a line of this level is written; check it before building an expensive line. */
  enabled(level: LogLevel): boolean
}

const ignore = () => {}

/**
 * `logger` with every method below `level` turned into a no-op. The logger is
 * looked up when a line is written: touching `console` costs at start-up.
 */
export function levelled(logger: () => Logger, level: LogLevel): LevelledLogger {
  const at = (method: Exclude<LogLevel, 'off'>) =>
    rank[method] >= rank[level]
      ? (message: string, details?: Record<string, unknown>) => {
          if (details === undefined) logger()[method](message)
          else logger()[method](message, details)
        }
      : ignore
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    enabled: (wanted) => wanted !== 'off' && rank[wanted] >= rank[level],
  }
}

/** `logger` with every message and detail masked by `redactor`: for lines built from what a server sent. */
export function redactingLogger(logger: Logger, redactor: Redactor): Logger {
  const at = (method: Exclude<LogLevel, 'off'>) => (message: string, details?: Record<string, unknown>) => {
    const text = redactor.text(message)
    if (details === undefined) logger[method](text)
    else logger[method](text, redactor.deep(details) as Record<string, unknown>)
  }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}
