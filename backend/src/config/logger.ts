import winston from 'winston';
import { currentCorrelationId } from './context.js';

export type Logger = winston.Logger;

// Read from AsyncLocalStorage at write time, so no caller passes the id by hand.
const withCorrelationId = winston.format((info) => {
  const correlationId = currentCorrelationId();
  if (correlationId && !info.correlationId) info.correlationId = correlationId;
  return info;
});

// winston runs the whole format chain before its transports drop an entry by level; drop it first.
const atOrAbove = (level: string) => {
  const ceiling = winston.config.npm.levels[level] ?? 0;
  return winston.format((info) => ((winston.config.npm.levels[info.level] ?? 0) <= ceiling ? info : false))();
};

export function createLogger(options: { level: string; json: boolean }): Logger {
  const silent = options.level === 'silent';
  const formats = [atOrAbove(options.level), withCorrelationId(), winston.format.timestamp(), winston.format.errors({ stack: true })];
  const format = options.json
    ? winston.format.combine(...formats, winston.format.json())
    : winston.format.combine(
        ...formats,
        winston.format.colorize(),
        winston.format.printf(({ timestamp, level, message, service: _service, ...context }) => {
          const rest = Object.keys(context).length ? ` ${JSON.stringify(context)}` : '';
          return `${String(timestamp)} ${level} ${String(message)}${rest}`;
        }),
      );
  return winston.createLogger({
    level: silent ? 'error' : options.level,
    silent,
    defaultMeta: { service: 'appointment-api' },
    format,
    transports: [new winston.transports.Console()],
  });
}
