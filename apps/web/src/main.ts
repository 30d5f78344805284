import { join } from 'node:path';
import { createGateway } from './gateway/create-gateway';
import { readGatewayConfig } from './gateway/gateway-config';

// The built page sits next to the compiled gateway: dist/apps/web/public.
const config = readGatewayConfig(process.env, {
  staticDir: join(__dirname, '..', '..', '..', 'public'),
});
const server = createGateway(config);
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(
    JSON.stringify({
      level: 'info',
      time: new Date().toISOString(),
      msg: `web gateway listening on http://${config.host}:${port}`,
      port,
    }),
  );
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
