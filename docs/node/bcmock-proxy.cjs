// bcmock-proxy.cjs: a Node preload that sends HTTPS requests for
// BigCommerce's hosts (*.bigcommerce.com) through HTTPS_PROXY with CONNECT,
// for Node before 24 (and 22.21), whose https module ignores HTTPS_PROXY,
// and for clients that build their own https.Agent. Nothing else is
// proxied. No dependencies; for tests against bcmock only:
//
//   HTTPS_PROXY=http://localhost:8080 NODE_EXTRA_CA_CERTS=bcmock-ca.pem \
//   NODE_OPTIONS="--require ./bcmock-proxy.cjs" node app.js
'use strict';

const http = require('http');
const https = require('https');
const tls = require('tls');

const proxy = process.env.HTTPS_PROXY || process.env.https_proxy;
const bigcommerce = /(^|\.)bigcommerce\.com$/i;

if (proxy) {
  const via = new URL(proxy);
  const direct = https.Agent.prototype.createConnection;
  https.Agent.prototype.createConnection = function bcmockTunnel(options, done) {
    const host = options.servername || options.host || options.hostname || '';
    if (!bigcommerce.test(host)) {
      return direct.call(this, options, done);
    }
    const target = `${host}:${options.port || 443}`;
    const connect = http.request({
      host: via.hostname,
      port: via.port || 80,
      method: 'CONNECT',
      path: target,
      headers: { host: target },
    });
    connect.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        done(new Error(`bcmock-proxy: CONNECT ${target} via ${via.host} answered ${res.statusCode}`));
        return;
      }
      done(null, tls.connect({ ...options, socket, servername: host }));
    });
    connect.once('error', (err) => done(err));
    connect.end();
    return undefined; // the socket comes through done
  };
}
