const http = require('node:http');

const port = Number(process.env.PORT ?? 3000);

http
  .createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', service: 'storefront-web' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<h1>Storefront</h1>');
  })
  .listen(port, () => console.log(`storefront-web listening on :${port}`));
