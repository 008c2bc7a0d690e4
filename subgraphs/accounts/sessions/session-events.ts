import type { Response } from 'express';
import { Client } from 'pg';
import { isServerShutdown } from '../../kit/postgres';
import type { SubgraphRuntime } from '../../kit/subgraph';

/** The channel the triggers of Migration20261202140000SessionEvents notify. */
export const SESSION_EVENTS_CHANNEL = 'session_events';

/** How often an open stream gets a comment line, so a gateway notices a dead one within seconds. */
export const SESSION_EVENTS_HEARTBEAT_MS = 1_000;

/**
 * Tells every gateway at once when a session stops holding: a Server-Sent Events stream fed by
 * Postgres LISTEN on the accounts database, so every revocation is announced whichever replica of
 * this subgraph (or which command) made it. A stream is open only while this process listens: when
 * its connection to Postgres is lost, every stream is ended, and gateways stop trusting their caches
 * until a new stream says `ready` (they clear them then).
 */
export interface SessionEvents {
  /** Streams events to one gateway until it goes away; 503 when not listening. */
  subscribe(res: Response): void;
  stop(): Promise<void>;
}

export function startSessionEvents(runtime: SubgraphRuntime): SessionEvents {
  const { orm, logger } = runtime;
  const streams = new Set<Response>();
  let stopped = false;
  let listening = false;
  let client: Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let delay = 250;

  const endStreams = () => {
    for (const res of streams) res.end();
    streams.clear();
  };
  const send = (chunk: string) => {
    for (const res of streams) res.write(chunk);
  };
  const heartbeat = setInterval(() => send(':\n\n'), SESSION_EVENTS_HEARTBEAT_MS);
  heartbeat.unref();

  const connect = async () => {
    if (stopped) return;
    const next = new Client({ connectionString: orm.config.get('clientUrl') });
    const lost = (error?: unknown) => {
      if (client !== next) return;
      client = undefined;
      listening = false;
      endStreams();
      next.end().catch(() => {});
      if (stopped) return;
      logger[isServerShutdown(error) ? 'debug' : 'warn'](
        { err: error },
        'session event listener lost; gateways ask for every session until it is back',
      );
      retry = setTimeout(() => void connect(), delay);
      delay = Math.min(delay * 2, 10_000);
    };
    client = next;
    next.on('error', lost);
    next.on('end', () => lost());
    next.on('notification', (message) => {
      if (message.payload) send(`data: ${message.payload}\n\n`);
    });
    try {
      await next.connect();
      await next.query(`listen ${SESSION_EVENTS_CHANNEL}`);
      delay = 250;
      listening = true;
    } catch (error) {
      lost(error);
    }
  };
  void connect();

  return {
    subscribe(res) {
      if (!listening) {
        res.status(503).json({
          errors: [
            {
              message: 'Session events are not available yet.',
              extensions: { code: 'SERVICE_UNAVAILABLE' },
            },
          ],
        });
        return;
      }
      res.status(200);
      res.setHeader('content-type', 'text/event-stream');
      res.setHeader('cache-control', 'no-store');
      res.flushHeaders();
      res.socket?.setNoDelay(true);
      // Sent only once LISTEN is in place: nothing revoked after this line can be missed.
      res.write('event: ready\ndata: \n\n');
      streams.add(res);
      res.on('close', () => streams.delete(res));
    },
    async stop() {
      stopped = true;
      clearInterval(heartbeat);
      if (retry) clearTimeout(retry);
      endStreams();
      const open = client;
      client = undefined;
      listening = false;
      await open?.end().catch(() => {});
    },
  };
}
