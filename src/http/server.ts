import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HubServices } from '../hub.js';
import { createApp } from './app.js';

export interface RunningServer {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

export async function listen(hub: HubServices, port = hub.config.port, host = hub.config.host): Promise<RunningServer> {
  const server = createServer();
  const { app, apollo } = await createApp(hub, server);
  server.on('request', app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  return {
    server,
    url,
    // Apollo's drain plugin closes the server and waits for in-flight requests.
    stop: async () => {
      await apollo.stop();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
