// A free TCP port on the loopback interface, for the harnesses that start a server of their own
// (PostgreSQL, Kafka, the fuzzer's services): the OS picks it, the probe is closed before it is used.
const { createServer } = require('node:net');

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

module.exports = { freePort };
