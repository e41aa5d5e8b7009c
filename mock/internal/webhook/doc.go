// Package webhook is bcmock's delivery engine: it turns raised events into
// signed HTTP POSTs to the hooks that match them, retries failures on
// BigCommerce's ladder, deactivates hooks that never answer, keeps
// BigCommerce's per-client domain blocklist, raises
// store/hook/deliveryException events, and records everything it did so the
// control API can show it.
//
// The engine knows nothing of HTTP handlers, stores or accounts. It asks the
// rest of the mock for what it needs through the small Directory interface,
// and builds the envelopes of the events it raises itself through an
// EnvelopeFunc.
//
// # Time
//
// Nothing in the engine sleeps. Every delivery stores the instant its next
// attempt is due, read from an injected clock.Clock, and DeliverDue performs
// exactly the attempts that are due. Run is the only code that waits on wall
// time (a timer until the next due instant). With a settable fake clock,
// AdvanceTo walks from due instant to due instant, so one 49-hour jump
// produces all twelve attempts of the ladder at their exact scheduled
// instants. Two things do use real elapsed time, because the network does: the
// per-attempt timeout and the measured duration of an attempt. Neither
// influences when anything is scheduled.
//
// # Driving
//
// A driver (Run, DeliverDue, or AdvanceTo through DeliverDue) claims the
// deliveries that are due; each claimed attempt then runs on its own and is
// recorded, its retry scheduled from the instant it ended, the moment it
// ends, whatever else is in flight. At most WithConcurrency attempts are in
// flight at once, and at most WithDestinationConcurrency to one destination
// host; the destinations with work take turns for free slots, so one
// hanging receiver holds only its own share. Under a fake clock the clock
// cannot move while attempts due at its instant are in flight, and the side
// effects of an instant's attempts (deliveryException events, deactivations,
// e-mails) run in claim order once they have all ended, so every run of a
// scenario comes out the same.
//
// # Choices where BigCommerce is silent
//
//   - Timeout: 10 s per attempt (WithTimeout). Success is any 2xx status
//     received within it with a complete body: one that ends before its
//     Content-Length, or is cut off by the timeout, is a failure. The first
//     1 KiB of the body is kept, the error text (which quotes the status
//     line, Location or transport error) up to 1 KiB, and an attempt whose
//     strings were cut says Truncated.
//   - Records: every log (events, deliveries, attempts, notifications) is
//     capped per store and in all stores together, oldest out first; a
//     pending delivery is never dropped (WithEventLogCap and the others).
//   - Concurrency: 64 attempts in flight (WithConcurrency), 8 of them to
//     one destination host (WithDestinationConcurrency).
//   - Redirects are failures and are never followed (the default client).
//   - Headers: the hook's custom headers are sent first; the engine's own
//     Content-Type, User-Agent and webhook-* headers always win, and custom
//     headers with those names are dropped.
//   - User-Agent: the bigcommerce.UserAgent constant.
//   - webhook-id: "msg_" + 27 base62 characters from a seeded generator
//     (WithSeed), the same on every attempt of one delivery.
//   - Blocklist: keyed by client ID and destination host name (any port,
//     scheme or path), counted in one-second buckets of a sliding 2-minute
//     window of the engine clock. A delivery found blocked is held, not
//     attempted, until the next rung of the retry ladder (counting its
//     attempts and holds); past the last rung, until the block ends.
//   - The deliveryException hook is retried and deactivated like any other
//     hook, but its own deliveries never raise exceptions.
package webhook
