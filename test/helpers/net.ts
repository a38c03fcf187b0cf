// Loopback ports for tests that start servers or processes of their own.
import { createServer, type AddressInfo } from "node:net";

/** A free TCP port on 127.0.0.1 (listened on, then released): nothing listens there afterwards. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}
