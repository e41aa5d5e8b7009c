// Package scenarios reads and checks bcmock scenario files: YAML documents
// that describe a BigCommerce store to set up (stores, API accounts,
// registered hooks, clock, retry ladder), stand-in destinations for bcmock
// to serve (receivers with scripted responses), and steps to run in order
// (raise an event, run a business action such as checkout, advance the fake
// clock, wait, change a hook, expect deliveries and hook states).
//
// A scenario file sits next to an integration and runs in CI, so the
// format is built to be impossible to get silently wrong:
//
//   - Decoding is strict: an unknown key, a value of the wrong type, a bad
//     duration or timestamp is a problem, with a "did you mean" hint.
//   - Every problem of a file is reported at once, in file order, each with
//     its file:line:column and its path in the document, as a Problems
//     error.
//   - Validation checks what YAML cannot: references between the parts
//     (stores, tokens, hooks, receivers), scopes against BigCommerce's
//     catalogue (package scope), BigCommerce's hook limits, and
//     expectations that could never hold.
//   - Values are friendly: durations "250ms" and "49h", RFC 3339
//     timestamps, a retry schedule as a list or "60s,3m,5m", shorthands
//     such as "clock: fake" and "action: checkout".
//
// Load and Parse return a Scenario with its defaults applied, so a runner
// never has to guess one; Encode writes the canonical form (the golden
// files under testdata show it). Business actions expand into BigCommerce's
// event cascades with the pure function Expand, and Step.Raises gives the
// events of any raise or action step, so a runner only raises events.
//
// FORMAT.md is the reference of the format; scenario.schema.json is its
// JSON Schema for editors; examples/ holds commented scenarios.
//
// The package describes data only: it imports nothing from this module
// but package scope, and running a scenario is the mock's business.
package scenarios
