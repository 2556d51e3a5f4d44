// libpq's sslmode=prefer on one connection. libpq asks for TLS (SSLRequest) and, when the server answers
// 'N' (no SSL), sends the startup message in plaintext on the same connection. node-postgres ends the
// connection with an error instead, so every session against a server without SSL (local servers, CI
// service containers) cost a second TCP connection and a second backend start: measured in-process, 12
// alternated runs at load 11, connect start to the first catalog query 59 ms (prefer, two connections) vs
// 36 ms (sslmode=disable, one) for a musicbrainz snapshot.
import type pg from 'pg';

/** The parts of node-postgres' connection (pg/lib/connection.js, pinned version) this relies on. */
interface PgConnection {
  stream: NodeJS.ReadableStream;
  connect(port: number | string, host?: string): void;
  attachListeners(stream: NodeJS.ReadableStream): void;
  emit(event: 'sslconnect'): boolean;
}

const NO_SSL = 0x4e; // 'N'

/**
 * Make `client` (configured with TLS options) continue in plaintext when the server refuses TLS. Any other
 * answer goes to node-postgres' own handler: 'S' upgrades to TLS as before, an error stays an error. If
 * node-postgres' connection does not look as expected, nothing changes (the caller's second, plaintext
 * attempt still covers a refusal).
 */
export function continueInPlaintextWhenRefused(client: pg.Client): void {
  const connection = (client as unknown as { connection?: PgConnection }).connection;
  if (!connection || typeof connection.connect !== 'function' || typeof connection.attachListeners !== 'function') return;
  const connect = connection.connect.bind(connection);
  connection.connect = (port, host) => {
    connect(port, host);
    const stream = connection.stream;
    const handlers = stream.listeners('data');
    // node-postgres' one-time reader of the answer to the SSLRequest is then the stream's only data listener
    if (handlers.length !== 1) return;
    const readAnswer = handlers[0] as (buffer: Buffer) => void;
    stream.removeListener('data', readAnswer);
    stream.once('data', (buffer: Buffer) => {
      if (buffer.length === 1 && buffer[0] === NO_SSL) {
        // what node-postgres does after a TLS upgrade, without the upgrade: read messages from this
        // stream, then send the startup message (the client does that on 'sslconnect')
        connection.attachListeners(stream);
        connection.emit('sslconnect');
      } else readAnswer(buffer);
    });
  };
}
