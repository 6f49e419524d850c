import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP relay on 127.0.0.1 in front of a server (PostgreSQL here) that can be cut as if the server had
 * stopped: open connections are reset and new ones refused, until it is restored on the same port.
 */
export async function startOutageProxy(target: { host: string; port: number }): Promise<{
  port: number;
  cut: () => Promise<void>;
  restore: () => Promise<void>;
  close: () => Promise<void>;
}> {
  const open = new Set<Socket>();
  const relay = (client: Socket) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  };
  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const server = createServer(relay);
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve(server));
    });
  let server: Server | null = await listen(0);
  const port = (server.address() as { port: number }).port;
  const stop = async () => {
    const closing = server;
    server = null;
    if (closing) await new Promise((resolve) => closing.close(resolve));
  };
  return {
    port,
    cut: async () => {
      const closed = stop();
      for (const socket of open) socket.resetAndDestroy();
      await closed;
    },
    restore: async () => {
      server ??= await listen(port);
    },
    close: async () => {
      const closed = stop();
      for (const socket of open) socket.destroy();
      await closed;
    },
  };
}
