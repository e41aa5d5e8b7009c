// Package probe contract-tests the other half of a webhook integration:
// the app's own endpoint. Run sends it a battery of callbacks, as
// BigCommerce would send them, and judges each answer as BigCommerce
// would:
//
//   - genuine signed callbacks, one per family of data shapes of the
//     chosen scopes, acknowledged with a 2xx within the timeout;
//   - a retry (same body, hash and webhook-id) and a BigCommerce-style
//     duplicate (same hash, new webhook-id), both acknowledged;
//   - an event of a scope the app does not handle, acknowledged too;
//   - forged callbacks, each refused with a 4xx: signed with a wrong
//     secret, with the raw secret base64-decoded (what an app that hands
//     the raw secret to a Standard Webhooks library accepts), with a
//     timestamp outside the libraries' 5-minute tolerance, a body changed
//     after signing, no webhook-signature, and only the fictional
//     X-BC-Signature;
//   - the answers within BigCommerce's response rules (at most 64
//     headers, names of at most 64 bytes, values of at most 8 KB; no
//     redirect; a body read in full);
//   - latency: p50 and p95 over Count genuine callbacks, against the
//     timeout.
//
// The Report lists every check with what was sent, what came back, the
// verdict, the reason and the fix. Checks are required by default;
// WithoutSignatureChecks makes the signature checks advisory, for an app
// that does not verify signatures yet.
//
// The package imports BigCommerce's facts (mock/bigcommerce), the event
// data generator (mock/event) and the control API's wire types
// (mock/adminapi, whose ProbeReport is the Report), none of the server: a
// program can probe its app without compiling the mock into itself. The
// same probe runs as "bcmock probe", as testkit.Probe, and through the
// control API (POST /__bcmock/probe) of a mock in a container.
//
// Runs are reproducible: the event data and the webhook-ids come from the
// seed (WithSeed). The clock and the HTTP client are injected (WithClock,
// WithHTTPClient); the probe never sleeps.
package probe
