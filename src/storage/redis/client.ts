// Creates the node-redis v6 client of the Redis stores. Start-up fails fast when Redis does not
// answer; once connected, the client reconnects by itself and commands fail at once while it does.
import { createClient } from "redis";

/** Connection errors seen after start-up, while the client reconnects on its own. */
export type RedisErrorListener = (err: Error) => void;

/** Connection attempts at start-up before createRedisStores gives up. */
const STARTUP_ATTEMPTS = 5;

function buildClient(url: string) {
  let connected = false;
  const client = createClient({
    url,
    maintNotifications: "disabled",
    // While disconnected, commands are refused at once (ClientOfflineError) instead of queueing until
    // the reconnect or the 5 s command timeout: a turn answers "hệ thống đang bận" without waiting, a
    // webhook gets its 503 at once, and no write of a turn that already failed lands later.
    // connect() resolves only once the client is ready, so the first commands are never refused.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5000,
      // Backoff capped at 2 s with jitter; at start-up give up quickly so a wrong URL fails loudly.
      reconnectStrategy: (retries: number, cause: Error) =>
        !connected && retries >= STARTUP_ATTEMPTS - 1
          ? cause
          : Math.min(2 ** retries * 50, 2000) + Math.floor(Math.random() * 200),
    },
  });
  client.once("ready", () => (connected = true));
  return client;
}

/** The client type the Redis stores share. */
export type RedisClient = ReturnType<typeof buildClient>;

/** Connects a client; the 'error' listener is attached first, so a Redis restart never crashes. */
export async function connectRedis(url: string, onError: RedisErrorListener): Promise<RedisClient> {
  const client = buildClient(url);
  client.on("error", onError);
  await client.connect();
  return client;
}
