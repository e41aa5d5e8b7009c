// This file locks the wording and the position of every problem a scenario
// file can have: each case is a small file with exactly one problem, and
// the whole problem line (file:line:col: path: message; hint) must match.
// Changing a message is a change of the format's user interface.

package scenarios_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/scenarios"
)

// base is a valid setup the cases build on.
const base = "setup: {stores: [s1]}\n"

// fakeBase adds the fake clock.
const fakeBase = "setup: {stores: [s1], clock: fake}\n"

// withApp is a setup with a hook orders delivering to receiver app.
const withApp = `setup:
  stores: [s1]
  hooks: [{name: orders, scope: store/order/*, receiver: app}]
receivers: [{name: app}]
`

var problemCases = []struct {
	name, src, want string
}{
	// The document.
	{"empty file", "", "t.yaml:1:1: the file has no scenario in it; a scenario needs at least setup: {stores: [abc123]}"},
	{"comments only", "# nothing\n", "t.yaml:1:1: the file has no scenario in it; a scenario needs at least setup: {stores: [abc123]}"},
	{"two documents", base + "---\n" + base,
		"t.yaml:2:1: a scenario file holds one document, but here is another; remove the --- line, or move the second scenario to its own file"},
	{"syntax error", "setup:\n  stores: [s1\n", "t.yaml:2:3: invalid YAML: did not find expected ',' or ']'"},
	{"unknown anchor", base + "name: *nope\n", "t.yaml:2:7: invalid YAML: unknown anchor 'nope' referenced"},
	{"tab indentation", "setup:\n\tstores: [s1]\n", "t.yaml:2:2: invalid YAML: found character that cannot start any token; YAML indents with spaces, not tabs"},
	{"not a mapping", "- s1\n", "t.yaml:1:1: want a mapping (key: value), got a list"},
	{"too large", "#" + strings.Repeat("x", scenarios.MaxFileSize), "t.yaml:1:1: the file is larger than 4 MiB"},

	// Keys.
	{"unknown key with hint", base + "step: []\n", `t.yaml:2:1: unknown key "step"; did you mean "steps"?`},
	{"unknown key without hint", base + "zzzzzz: 1\n",
		`t.yaml:2:1: unknown key "zzzzzz"; known keys here are "name", "description", "setup", "receivers" or "steps"`},
	{"unknown nested key", "setup: {stores: [s1], hook: []}\n", `t.yaml:1:23: setup: unknown key "hook"; did you mean "hooks"?`},
	{"wrong case", "setup: {Stores: [s1]}\n", `t.yaml:1:9: setup: unknown key "Stores"; did you mean "stores"?`},
	{"misspelt required key", base + "steps: [{raise: {scop: store/order/created}}]\n",
		`t.yaml:2:18: steps[0].raise: unknown key "scop"; did you mean "scope"?`},
	{"repeated key", base + "name: a\nname: b\n", `t.yaml:3:1: key "name" is repeated; the first is at line 2`},
	{"key not text", base + "? [a]\n: 1\n", "t.yaml:2:3: a key must be plain text, got a list"},
	{"merge of a scalar", base + "<<: 1\n", "t.yaml:2:5: << merges a mapping, got the number 1"},

	// Types.
	{"list wanted", "setup: {stores: s1}\n", `t.yaml:1:17: setup.stores: want a list, got "s1"; write a list: [s1]`},
	{"mapping wanted", "setup: [s1]\n", "t.yaml:1:8: setup: want a mapping (key: value), got a list"},
	{"value wanted", base + "name: [a]\n", "t.yaml:2:7: name: want a single value, got a list"},
	{"yes is not a boolean", "setup: {stores: [s1], strict_destinations: yes}\n",
		`t.yaml:1:44: setup.strict_destinations: want true or false, got "yes"; YAML 1.2 reads "yes" as text: write true`},
	{"off is not a boolean", "setup: {stores: [s1], strict_destinations: off}\n",
		`t.yaml:1:44: setup.strict_destinations: want true or false, got "off"; YAML 1.2 reads "off" as text: write false`},
	{"number is not a boolean", "setup: {stores: [s1], strict_destinations: 1}\n",
		"t.yaml:1:44: setup.strict_destinations: want true or false, got the number 1"},
	{"text is not a number", "setup: {stores: [s1], seed: ten}\n", `t.yaml:1:29: setup.seed: want a whole number, got "ten"`},
	{"fraction is not a whole number", "setup: {stores: [s1], seed: 1.5}\n", "t.yaml:1:29: setup.seed: want a whole number, got the number 1.5"},
	{"number too large", "setup: {stores: [s1], seed: 99999999999999999999}\n",
		"t.yaml:1:29: setup.seed: want a whole number, got the number 99999999999999999999"},
	{"not a timestamp", "setup: {stores: [s1], clock: {mode: fake, start: yesterday}}\n",
		`t.yaml:1:50: setup.clock.start: want an RFC 3339 timestamp, got "yesterday"; write e.g. 2025-01-01T00:00:00Z`},
	{"date without time", "setup: {stores: [s1], clock: {mode: fake, start: 2025-01-01}}\n",
		`t.yaml:1:50: setup.clock.start: want an RFC 3339 timestamp, got "2025-01-01"; add a time and a zone: 2025-01-01T00:00:00Z`},
	{"data number too large", base + "steps: [{raise: {scope: store/order/created, data: {id: 99999999999999999999}}}]\n",
		"t.yaml:2:57: steps[0].raise.data.id: number 99999999999999999999 is too large; quote it to send it as text"},
	{"data number infinite", base + "steps: [{raise: {scope: store/order/created, data: {id: .inf}}}]\n",
		"t.yaml:2:57: steps[0].raise.data.id: .inf is not a number JSON can carry; quote it to send it as text"},

	// Durations and schedules.
	{"duration without unit", fakeBase + "steps: [{advance: 5}]\n", `t.yaml:2:19: steps[0].advance: "5" has no unit: write "5s" or "5ms"`},
	{"duration in days", fakeBase + "steps: [{advance: 2d}]\n", `t.yaml:2:19: steps[0].advance: durations stop at hours: write "48h"`},
	{"minutes spelt out", fakeBase + "steps: [{advance: 5min}]\n", `t.yaml:2:19: steps[0].advance: "5min" spells out its unit: write "5m"`},
	{"delay spelt out in a schedule string", "setup: {stores: [s1], retry_schedule: \"60s, 2hrs\"}\n",
		`t.yaml:1:39: setup.retry_schedule[1]: "2hrs" spells out its unit: write "2h"`},
	{"not a duration", fakeBase + "steps: [{advance: soon}]\n",
		`t.yaml:2:19: steps[0].advance: "soon" is not a duration such as 250ms, 90s, 2m or 49h`},
	{"duration as a list", fakeBase + "steps: [{advance: [1h]}]\n", "t.yaml:2:19: steps[0].advance: want a single value, got a list"},
	{"rate limit without a window", "setup: {stores: [s1], rate_limit: 150}\n",
		`t.yaml:1:35: setup.rate_limit: "150": want QUOTA/WINDOW such as 150/30s, or off`},
	{"rate limit with a bad window", "setup: {stores: [s1], rate_limit: 150/30}\n",
		`t.yaml:1:35: setup.rate_limit: "150/30": the window: "30" has no unit: write "30s" or "30ms"`},
	{"bad delay in a schedule string", "setup: {stores: [s1], retry_schedule: \"60s, 3x\"}\n",
		`t.yaml:1:39: setup.retry_schedule[1]: "3x" is not a duration such as 250ms, 90s, 2m or 49h`},
	{"bad delay in a plain schedule", "setup:\n  stores: [s1]\n  retry_schedule: 60s,3x\n",
		`t.yaml:3:23: setup.retry_schedule[1]: "3x" is not a duration such as 250ms, 90s, 2m or 49h`},
	{"bad delay in a schedule list", "setup: {stores: [s1], retry_schedule: [60s, 3]}\n",
		`t.yaml:1:45: setup.retry_schedule[1]: "3" has no unit: write "3s" or "3ms"`},
	{"comma inside braces", "setup: {stores: [s1], retry_schedule: 60s,3m}\n",
		`t.yaml:1:43: setup: unknown key "3m"; inside {…} a comma ends a value: quote it, e.g. retry_schedule: "60s,3m"`},
	{"schedule as a mapping", "setup: {stores: [s1], retry_schedule: {a: 1}}\n",
		`t.yaml:1:39: setup.retry_schedule: want a list of durations or a string such as "60s,3m,5m", got a mapping`},
	{"delay not positive", "setup: {stores: [s1], retry_schedule: [1m, 0s]}\n",
		"t.yaml:1:44: setup.retry_schedule[1]: a retry delay must be positive, got 0s"},
	{"delivery timeout negative", "setup: {stores: [s1], delivery_timeout: -1s}\n",
		"t.yaml:1:41: setup.delivery_timeout: delivery_timeout must be positive, got -1s"},

	// Stores, accounts, clock.
	{"no store", "setup: {}\n", "t.yaml:1:8: setup.stores: no store is declared; write stores: [abc123]"},
	{"no setup", "name: x\n", "t.yaml:1:1: setup.stores: no store is declared; write stores: [abc123]"},
	{"bad store hash", "setup: {stores: [s1, a/b]}\n", `t.yaml:1:22: setup.stores[1]: store hash "a/b" may hold only letters, digits, '-' and '_'`},
	{"bad account store hash", "setup: {stores: [s1], accounts: [{token: t, stores: [s1, a/b]}]}\n", `t.yaml:1:58: setup.accounts[0].stores[1]: store hash "a/b" may hold only letters, digits, '-' and '_'`},
	{"store twice", "setup: {stores: [s1, s1]}\n", `t.yaml:1:22: setup.stores[1]: store "s1" is declared twice; the first is setup.stores[0]`},
	{"token missing", "setup: {stores: [s1], accounts: [{client_id: c}]}\n", "t.yaml:1:34: setup.accounts[0].token: token is required"},
	{"token twice", "setup: {stores: [s1], accounts: [{token: t}, {token: t}]}\n",
		`t.yaml:1:54: setup.accounts[1].token: token "t" is declared twice; the first is setup.accounts[0]`},
	{"client id twice", "setup: {stores: [s1], accounts: [{token: a, client_id: c}, {token: b, client_id: c}]}\n",
		`t.yaml:1:82: setup.accounts[1].client_id: client_id "c" is declared twice; the first is setup.accounts[0]`},
	{"clock mode", "setup: {stores: [s1], clock: fak}\n", `t.yaml:1:30: setup.clock.mode: clock mode "fak" is not "real" or "fake"; did you mean "fake"?`},
	{"start with the real clock", "setup: {stores: [s1], clock: {start: 2025-01-01T00:00:00Z}}\n",
		"t.yaml:1:38: setup.clock.start: start sets the fake clock, but the clock is real; set mode: fake"},

	// Receivers.
	{"receiver name missing", base + "receivers: [{responses: [200]}]\n", "t.yaml:2:13: receivers[0].name: name is required; a receiver is referred to by its name"},
	{"receiver name bad", base + "receivers: [{name: my app}]\n",
		`t.yaml:2:20: receivers[0].name: receiver name "my app" may hold only letters, digits, '.', '-' and '_'`},
	{"receiver twice", base + "receivers: [{name: a}, {name: a}]\n",
		`t.yaml:2:31: receivers[1].name: receiver "a" is declared twice; the first is receivers[0]`},
	{"empty response", base + "receivers: [{name: a, responses: [~]}]\n",
		"t.yaml:2:35: receivers[0].responses[0]: empty response; write a status such as 200, or timeout, or close"},
	{"response without status", base + "receivers: [{name: a, responses: [{delay: 1s}]}]\n",
		"t.yaml:2:35: receivers[0].responses[0]: a response needs a status or a fault; e.g. {status: 200, delay: 1s}"},
	{"status and fault", base + "receivers: [{name: a, responses: [{status: 200, fault: close}]}]\n",
		"t.yaml:2:35: receivers[0].responses[0]: a response is a status or a fault, not both"},
	{"unknown fault", base + "receivers: [{name: a, responses: [timout]}]\n",
		`t.yaml:2:35: receivers[0].responses[0]: "timout" is not a response: write an HTTP status, timeout or close; did you mean "timeout"?`},
	{"status out of range", base + "receivers: [{name: a, responses: [99]}]\n",
		"t.yaml:2:35: receivers[0].responses[0]: status 99 is not an HTTP status from 200 to 599"},
	{"negative delay", base + "receivers: [{name: a, responses: [{status: 200, delay: -1s}]}]\n",
		"t.yaml:2:56: receivers[0].responses[0].delay: delay must not be negative, got -1s"},
	{"delay with timeout", base + "receivers: [{name: a, responses: [{fault: timeout, delay: 1s}]}]\n",
		"t.yaml:2:59: receivers[0].responses[0].delay: a timeout hangs until delivery_timeout; a delay adds nothing; remove delay"},
	{"body with a fault", base + "receivers: [{name: a, responses: [{fault: close, body: x}]}]\n",
		"t.yaml:2:35: receivers[0].responses[0]: body and headers go with a status, not with close"},
	{"bad header name", base + "receivers: [{name: a, responses: [{status: 200, headers: {\"X A\": b}}]}]\n",
		`t.yaml:2:59: receivers[0].responses[0].headers.X A: header name "X A" is not a valid HTTP header name`},
	{"header value with a line break", base + "receivers: [{name: a, responses: [{status: 200, headers: {X-A: \"b\\nc\"}}]}]\n",
		"t.yaml:2:64: receivers[0].responses[0].headers.X-A: a header value cannot hold line breaks or NUL"},

	// Steps as a whole.
	{"empty step", base + "steps: [~]\n", `t.yaml:2:9: steps[0]: empty step; a step is one of "raise", "action", "advance", "wait", "hook", "expect" or "pay"`},
	{"step without kind", base + "steps: [{}]\n", `t.yaml:2:9: steps[0]: a step needs one of "raise", "action", "advance", "wait", "hook", "expect" or "pay"`},
	{"step with two kinds", fakeBase + "steps: [{raise: store/order/created, advance: 1h}]\n",
		"t.yaml:2:38: steps[0]: a step does one thing, but this one has both raise and advance; split it into two steps, each starting with -"},
	{"step kind without value", base + "steps:\n  - expect:\n",
		"t.yaml:3:5: steps[0].expect: expect needs a value; e.g. expect: {hooks: [{name: orders, status: active}]}"},
	{"step kind misspelt", base + "steps: [{raies: store/order/created}]\n", `t.yaml:2:10: steps[0]: unknown key "raies"; did you mean "raise"?`},
	{"step as a list", base + "steps: [[raise]]\n", "t.yaml:2:9: steps[0]: want a mapping (key: value), got a list"},

	// Hooks.
	{"key in the wrong place", base + "hooks: []\n", `t.yaml:2:1: unknown key "hooks"; hooks goes under setup:`},
	{"raise key in the step", base + "steps: [{raise: store/order/created, count: 2}]\n", `t.yaml:2:38: steps[0]: unknown key "count"; count goes under raise:`},
	{"hook without name", "setup: {stores: [s1], hooks: [{scope: store/order/*, destination: \"https://a.example\"}]}\n",
		"t.yaml:1:31: setup.hooks[0].name: name is required; a hook is referred to by its name"},
	{"hook name bad", "setup: {stores: [s1], hooks: [{name: a/b, scope: store/order/*, destination: \"https://a.example\"}]}\n",
		`t.yaml:1:38: setup.hooks[0].name: hook name "a/b" may hold only letters, digits, '.', '-' and '_'`},
	{"hook twice", "setup:\n  stores: [s1]\n  hooks:\n    - {name: h, scope: store/order/created, receiver: r}\n    - {name: h, scope: store/cart/created, receiver: r}\nreceivers: [{name: r}]\n",
		`t.yaml:5:14: setup.hooks[1].name: hook "h" is declared twice; the first is setup.hooks[0]`},
	{"hook store required", "setup: {stores: [s1, s2], hooks: [{name: h, scope: store/order/*, destination: \"https://a.example\"}]}\n",
		`t.yaml:1:35: setup.hooks[0].store: store is required: setup declares 2 stores; one of "s1" or "s2"`},
	{"hook store unknown", "setup: {stores: [abc123], hooks: [{name: h, store: abc124, scope: store/order/*, destination: \"https://a.example\"}]}\n",
		`t.yaml:1:52: setup.hooks[0].store: unknown store "abc124"; did you mean store "abc123"?`},
	{"hook store undeclared", "setup: {stores: [abc123], hooks: [{name: h, store: zz, scope: store/order/*, destination: \"https://a.example\"}]}\n",
		`t.yaml:1:52: setup.hooks[0].store: unknown store "zz"; declare it in setup.stores`},
	{"hook token required", "setup: {stores: [s1], accounts: [{token: a}, {token: b}], hooks: [{name: h, scope: store/order/*, destination: \"https://a.example\"}]}\n",
		`t.yaml:1:67: setup.hooks[0].token: token is required: setup declares 2 accounts; one of "a" or "b"`},
	{"hook token unknown", "setup: {stores: [s1], accounts: [{token: app-token}], hooks: [{name: h, token: app-tokn, scope: store/order/*, destination: \"https://a.example\"}]}\n",
		`t.yaml:1:80: setup.hooks[0].token: unknown token "app-tokn"; did you mean token "app-token"?`},
	{"hook scope missing", "setup: {stores: [s1], hooks: [{name: h, destination: \"https://a.example\"}]}\n",
		"t.yaml:1:31: setup.hooks[0].scope: scope is required; e.g. store/order/*"},
	{"hook scope unknown", "setup: {stores: [s1], hooks: [{name: h, scope: store/order/statusUpdate, destination: \"https://a.example\"}]}\n",
		`t.yaml:1:48: setup.hooks[0].scope: "store/order/statusUpdate" is not a scope BigCommerce documents; did you mean "store/order/statusUpdated"?`},
	{"hook scope far off", "setup: {stores: [s1], hooks: [{name: h, scope: orders, destination: \"https://a.example\"}]}\n",
		`t.yaml:1:48: setup.hooks[0].scope: "orders" is not a scope BigCommerce documents`},
	{"hook scope placeholder", "setup: {stores: [s1], hooks: [{name: h, scope: \"store/channel/{channel_id}/order/*\", destination: \"https://a.example\"}]}\n",
		`t.yaml:1:48: setup.hooks[0].scope: "store/channel/{channel_id}/order/*" still has the {channel_id} placeholder; put a channel id in its place, e.g. "store/channel/1/order/*"`},
	{"hook with destination and receiver", "setup: {stores: [s1], hooks: [{name: h, scope: store/order/*, destination: \"https://a.example\", receiver: r}]}\nreceivers: [{name: r}]\n",
		"t.yaml:1:107: setup.hooks[0].receiver: a hook delivers to a destination or a receiver, not both"},
	{"hook without destination", "setup: {stores: [s1], hooks: [{name: h, scope: store/order/*}]}\n",
		"t.yaml:1:31: setup.hooks[0].destination: destination or receiver is required; e.g. receiver: app, or destination: https://app.example.com/webhooks"},
	{"hook destination not a URL", "setup: {stores: [s1], hooks: [{name: h, scope: store/order/*, destination: app.example.com}]}\n",
		`t.yaml:1:76: setup.hooks[0].destination: "app.example.com" is not an absolute http(s) URL; e.g. https://app.example.com/webhooks`},
	{"hook destination strict", "setup: {stores: [s1], strict_destinations: true, hooks: [{name: h, scope: store/order/*, destination: \"http://a.example\"}]}\n",
		`t.yaml:1:103: setup.hooks[0].destination: strict_destinations refuses "http://a.example"; BigCommerce delivers only to https on port 443`},
	{"hook receiver unknown", "setup: {stores: [s1], hooks: [{name: h, scope: store/order/*, receiver: ap}]}\nreceivers: [{name: app}]\n",
		`t.yaml:1:73: setup.hooks[0].receiver: unknown receiver "ap"; did you mean receiver "app"?`},
	{"hook receiver undeclared", "setup: {stores: [s1], hooks: [{name: h, scope: store/order/*, receiver: zzz}]}\n",
		`t.yaml:1:73: setup.hooks[0].receiver: unknown receiver "zzz"; declare it in receivers`},
	{"hook path with destination", "setup: {stores: [s1], hooks: [{name: h, scope: store/order/*, destination: \"https://a.example\", path: /x}]}\n",
		"t.yaml:1:103: setup.hooks[0].path: path goes with receiver; put the path in the destination URL"},
	{"hook path without slash", withAppPath("x"), `t.yaml:3:69: setup.hooks[0].path: path must start with /, got "x"`},
	{"hook bad header", "setup: {stores: [s1], hooks: [{name: h, scope: store/order/*, receiver: r, headers: {\"a b\": c}}]}\nreceivers: [{name: r}]\n",
		`t.yaml:1:86: setup.hooks[0].headers.a b: header name "a b" is not a valid HTTP header name`},
	{"same hook twice", "setup:\n  stores: [s1]\n  hooks:\n    - {name: a, scope: store/order/*, receiver: r}\n    - {name: b, scope: store/order/*, receiver: r}\nreceivers: [{name: r}]\n",
		"t.yaml:5:7: setup.hooks[1]: this hook repeats setup.hooks[0]'s store, account, scope and destination; BigCommerce allows only one such hook"},
	{"eleven hooks on one scope", elevenHooks(), "t.yaml:14:7: setup.hooks[10]: an account may have at most 10 hooks per store and scope"},
	{"two exception hooks", "setup:\n  stores: [s1]\n  hooks:\n    - {name: a, scope: store/hook/deliveryException, receiver: r, path: /a}\n    - {name: b, scope: store/hook/deliveryException, receiver: r, path: /b}\nreceivers: [{name: r}]\n",
		"t.yaml:5:7: setup.hooks[1]: an account may have one store/hook/deliveryException hook per store; the first is setup.hooks[0]"},
	{"exception hook shares a destination", "setup:\n  stores: [s1]\n  hooks:\n    - {name: a, scope: store/order/*, receiver: r}\n    - {name: b, scope: store/hook/deliveryException, receiver: r}\nreceivers: [{name: r}]\n",
		"t.yaml:5:7: setup.hooks[1]: the store/hook/deliveryException hook shares its destination with setup.hooks[0]; BigCommerce requires a destination of its own"},

	// raise and advance.
	{"raise without scope", base + "steps: [{raise: {count: 2}}]\n", "t.yaml:2:17: steps[0].raise.scope: scope is required; e.g. store/order/created"},
	{"raise a wildcard", base + "steps: [{raise: store/cart/*}]\n",
		`t.yaml:2:17: steps[0].raise.scope: "store/cart/*" is a subscription, not an event; raise one event, e.g. "store/cart/abandoned"`},
	{"raise an unknown event", base + "steps: [{raise: store/order/create}]\n",
		`t.yaml:2:17: steps[0].raise.scope: "store/order/create" is not a scope BigCommerce documents; did you mean "store/order/created"?`},
	{"raise in one of two stores", "setup: {stores: [s1, s2]}\nsteps: [{raise: store/order/created}]\n",
		`t.yaml:2:17: steps[0].raise.store: store is required: setup declares 2 stores; one of "s1" or "s2"`},
	{"raise count zero", base + "steps: [{raise: {scope: store/order/created, count: -1}}]\n",
		"t.yaml:2:53: steps[0].raise.count: count must be from 1 to 10000, got -1"},
	{"raise count written as 0", base + "steps: [{raise: {scope: store/order/created, count: 0}}]\n",
		"t.yaml:2:53: steps[0].raise.count: count cannot be 0; leave count out to get its default"},
	{"checkout status written as 0", base + "steps: [{action: {name: checkout, status: 0}}]\n",
		"t.yaml:2:43: steps[0].action.status: status cannot be 0; leave status out to get its default"},
	{"delivery timeout written as 0", "setup: {stores: [s1], delivery_timeout: 0s}\n",
		"t.yaml:1:41: setup.delivery_timeout: delivery_timeout cannot be 0; leave delivery_timeout out to get its default"},
	{"raise out of order alone", base + "steps: [{raise: {scope: store/order/created, out_of_order: true}}]\n",
		"t.yaml:2:60: steps[0].raise.out_of_order: out_of_order needs count above 1"},
	{"advance zero", fakeBase + "steps: [{advance: 0s}]\n", "t.yaml:2:19: steps[0].advance: advance must be positive, got 0s"},
	{"advance on the real clock", base + "steps: [{advance: 1h}]\n",
		"t.yaml:2:19: steps[0].advance: advance moves the fake clock, but the clock is real; set setup.clock: fake"},

	// action.
	{"action misspelt", base + "steps: [{action: chekout}]\n", `t.yaml:2:18: steps[0].action.name: unknown action "chekout"; did you mean action "checkout"?`},
	{"action unknown", base + "steps: [{action: buy}]\n",
		`t.yaml:2:18: steps[0].action.name: unknown action "buy"; actions are "abandon_cart", "cancel_order", "checkout", "refund_order", "ship_order" or "update_inventory"`},
	{"action takes no parameter", base + "steps: [{action: {name: checkout, quantity: 2}}]\n",
		`t.yaml:2:45: steps[0].action.quantity: checkout takes no quantity; checkout takes "store", "channel", "cart_id", "order_id", "status" or "out_of_order"`},
	{"action channel", base + "steps: [{action: {name: checkout, channel: -1}}]\n", "t.yaml:2:44: steps[0].action.channel: channel must be 1 or more, got -1"},
	{"action cart id", base + "steps: [{action: {name: checkout, cart_id: cart-1}}]\n",
		`t.yaml:2:44: steps[0].action.cart_id: cart_id "cart-1" is not a UUID; BigCommerce cart ids are UUIDs; leave it out to get one`},
	{"action order id required", base + "steps: [{action: ship_order}]\n", "t.yaml:2:18: steps[0].action.order_id: order_id is required: no checkout comes before this step"},
	{"action order id negative", base + "steps: [{action: {name: cancel_order, order_id: -3}}]\n", "t.yaml:2:49: steps[0].action.order_id: order_id must be positive, got -3"},
	{"action status", base + "steps: [{action: checkout}, {action: {name: ship_order, status: 4}}]\n",
		"t.yaml:2:65: steps[1].action.status: status 4 is not one ship_order can leave an order in; use 2 or 3"},
	{"action previous status", base + "steps: [{action: {name: cancel_order, order_id: 7, previous_status: 20}}]\n",
		"t.yaml:2:69: steps[0].action.previous_status: previous_status must be an order status id from 0 to 14, got 20"},
	{"inventory without product", base + "steps: [{action: {name: update_inventory, quantity: 3}}]\n",
		"t.yaml:2:18: steps[0].action.product_id: product_id is required (1 or more)"},
	{"inventory without quantity", base + "steps: [{action: {name: update_inventory, product_id: 3}}]\n",
		"t.yaml:2:18: steps[0].action.quantity: quantity is required: the new stock level"},
	{"inventory negative quantity", base + "steps: [{action: {name: update_inventory, product_id: 3, quantity: -1}}]\n",
		"t.yaml:2:68: steps[0].action.quantity: quantity must not be negative, got -1"},
	{"inventory negative variant", base + "steps: [{action: {name: update_inventory, product_id: 3, quantity: 1, variant_id: -1}}]\n",
		"t.yaml:2:18: steps[0].action: variant_id and location_id must be positive"},
	{"abandon on the real clock", base + "steps: [{action: abandon_cart}]\n",
		"t.yaml:2:18: steps[0].action.name: abandon_cart spans an hour of store time, which needs the fake clock; set setup.clock: fake"},

	// wait and hook.
	{"wait timeout", withApp + "steps: [{wait: {until: {hooks: [{name: orders, status: active}]}, timeout: -1s}}]\n",
		"t.yaml:5:76: steps[0].wait.timeout: timeout must be positive, got -1s"},
	{"wait for nothing", base + "steps: [{wait: {until: {}}}]\n",
		"t.yaml:2:24: steps[0].wait.until: no condition to check; give deliveries, hooks, blocklist, exceptions, orders, carts, products, customers or requests"},
	{"hook step without change", withApp + "steps: [{hook: {is_active: true}}]\n",
		`t.yaml:5:16: steps[0].hook: a hook step needs one of "update", "reactivate", "deactivate" or "delete"; e.g. hook: {reactivate: orders}`},
	{"hook step with two changes", withApp + "steps: [{hook: {reactivate: orders, delete: orders}}]\n",
		"t.yaml:5:45: steps[0].hook.delete: a hook step makes one change, but this one has both reactivate and delete; split it into two steps"},
	{"hook step unknown hook", withApp + "steps: [{hook: {reactivate: order}}]\n",
		`t.yaml:5:29: steps[0].hook.reactivate: unknown hook "order"; did you mean hook "orders"?`},
	{"hook step after delete", withApp + "steps: [{hook: {delete: orders}}, {hook: {reactivate: orders}}]\n",
		`t.yaml:5:55: steps[1].hook.reactivate: hook "orders" was deleted by steps[0]`},
	{"reactivate with fields", withApp + "steps: [{hook: {reactivate: orders, is_active: true}}]\n",
		"t.yaml:5:29: steps[0].hook.reactivate: reactivate takes only the hook's name; use update to change scope, destination, receiver, path, is_active or headers"},
	{"update nothing", withApp + "steps: [{hook: {update: orders}}]\n",
		"t.yaml:5:25: steps[0].hook.update: update changes nothing; set scope, destination, receiver, path, is_active or headers"},
	{"update scope", withApp + "steps: [{hook: {update: orders, scope: store/ordr/*}}]\n",
		`t.yaml:5:40: steps[0].hook.scope: "store/ordr/*" is not a scope BigCommerce documents; did you mean "store/order/*"?`},
	{"update receiver", withApp + "steps: [{hook: {update: orders, receiver: ap}}]\n",
		`t.yaml:5:43: steps[0].hook.receiver: unknown receiver "ap"; did you mean receiver "app"?`},
	{"update path without receiver", "setup: {stores: [s1], hooks: [{name: h, scope: store/order/*, destination: \"https://a.example\"}]}\nsteps: [{hook: {update: h, path: /x}}]\n",
		"t.yaml:2:34: steps[0].hook.path: path goes with receiver; give receiver too, or put the path in the destination URL"},
	{"update path without slash", withApp + "steps: [{hook: {update: orders, path: x}}]\n",
		`t.yaml:5:39: steps[0].hook.path: path must start with /, got "x"`},
	{"update bad URL", withApp + "steps: [{hook: {update: orders, destination: \"ftp://x\"}}]\n",
		`t.yaml:5:46: steps[0].hook.destination: "ftp://x" is not an absolute http(s) URL; e.g. https://app.example.com/webhooks`},

	// The store model: seeds, expectations, pay.
	{"seeded order twice", "setup: {stores: [s1], orders: [{id: 5}, {id: 5}]}\n", "t.yaml:1:46: setup.orders[1].id: order 5 is seeded twice; the first is setup.orders[0]"},
	{"seeded order bad status", "setup: {stores: [s1], orders: [{status_id: 15}]}\n", "t.yaml:1:44: setup.orders[0].status_id: status_id must be an order status, 0 to 14, got 15"},
	{"seeded line without quantity", "setup: {stores: [s1], orders: [{lines: [{product_id: 77}]}]}\n", "t.yaml:1:41: setup.orders[0].lines[0].quantity: quantity must be at least 1, got 0"},
	{"seeded custom line without price", "setup: {stores: [s1], orders: [{lines: [{name: x, quantity: 1}]}]}\n", "t.yaml:1:41: setup.orders[0].lines[0]: a line needs product_id, or name and price_ex_tax for a custom product"},
	{"seeded bad price", "setup: {stores: [s1], orders: [{lines: [{product_id: 7, quantity: 1, price_ex_tax: 1.23456}]}]}\n", `t.yaml:1:84: setup.orders[0].lines[0].price_ex_tax: want an amount with at most four decimals, got "1.23456"; write "12.50"`},
	{"seeded cart unknown store", "setup: {stores: [s1], carts: [{store: s2}]}\n", `t.yaml:1:39: setup.carts[0].store: unknown store "s2"; did you mean store "s1"?`},
	{"order expectation without id", base + "steps: [{expect: {orders: [{status_id: 2}]}}]\n", "t.yaml:2:28: steps[0].expect.orders[0].id: id must be an order id (1 or more), got 0"},
	{"order gone with a status", base + "steps: [{expect: {orders: [{id: 1, exists: false, status_id: 2}]}}]\n", "t.yaml:2:62: steps[0].expect.orders[0].status_id: an order that must not exist has no status_id; drop exists: false or status_id"},
	{"cart expectation without id", base + "steps: [{expect: {carts: [{exists: false}]}}]\n", "t.yaml:2:27: steps[0].expect.carts[0].id: id is required: the cart's id"},
	{"seeded product without a name", "setup: {stores: [s1], products: [{price: 3}]}\n", "t.yaml:1:34: setup.products[0].name: name is required"},
	{"seeded product twice", "setup: {stores: [s1], products: [{id: 5, name: a}, {id: 5, name: b}]}\n", "t.yaml:1:57: setup.products[1].id: product 5 is seeded twice; the first is setup.products[0]"},
	{"seeded product bad price", "setup: {stores: [s1], products: [{name: a, price: -1}]}\n", `t.yaml:1:51: setup.products[0].price: want an amount with at most four decimals, got "-1"; write "12.50"`},
	{"seeded product bad tracking", "setup: {stores: [s1], products: [{name: a, inventory_tracking: sku}]}\n", `t.yaml:1:64: setup.products[0].inventory_tracking: want "none", "product" or "variant", got "sku"`},
	{"seeded variant without options", "setup: {stores: [s1], products: [{name: a, variants: [{sku: x}]}]}\n", "t.yaml:1:55: setup.products[0].variants[0].option_values: a variant needs option values; e.g. option_values: [{option: Size, label: M}]"},
	{"seeded customer without a last name", "setup: {stores: [s1], customers: [{email: a@example.com, first_name: a}]}\n", "t.yaml:1:35: setup.customers[0].last_name: last_name is required"},
	{"seeded address without city", "setup: {stores: [s1], customers: [{email: a@example.com, first_name: a, last_name: b, addresses: [{first_name: a, last_name: b, address1: x, country_code: US}]}]}\n", "t.yaml:1:99: setup.customers[0].addresses[0].city: city is required"},
	{"seeded channel 1", "setup: {stores: [s1], channels: [{id: 1, name: a, type: pos, platform: square}]}\n", "t.yaml:1:39: setup.channels[0].id: channel 1 is the default storefront, which every store has; give another id, or leave it out"},
	{"seeded channel bad type", "setup: {stores: [s1], channels: [{name: a, type: shop, platform: square}]}\n", `t.yaml:1:50: setup.channels[0].type: want "storefront", "marketplace", "pos" or "marketing", got "shop"`},
	{"seeded brand unknown store", "setup: {stores: [s1], brands: [{store: s2, name: a}]}\n", `t.yaml:1:40: setup.brands[0].store: unknown store "s2"; did you mean store "s1"?`},
	{"seeded category without a name", "setup: {stores: [s1], categories: [{id: 3}]}\n", "t.yaml:1:36: setup.categories[0].name: name is required"},
	{"product expectation without id", base + "steps: [{expect: {products: [{name: a}]}}]\n", "t.yaml:2:30: steps[0].expect.products[0].id: id must be a product id (1 or more), got 0"},
	{"product gone with a level", base + "steps: [{expect: {products: [{id: 1, exists: false, inventory_level: 2}]}}]\n", "t.yaml:2:70: steps[0].expect.products[0].inventory_level: a product that must not exist has no inventory_level; drop exists: false or inventory_level"},
	{"customer gone with an email", base + "steps: [{expect: {customers: [{id: 1, exists: false, email: a}]}}]\n", "t.yaml:2:61: steps[0].expect.customers[0].email: a customer that must not exist has no email; drop exists: false or email"},
	{"product expectation unknown key", base + "steps: [{expect: {products: [{id: 1, stock: 2}]}}]\n", `t.yaml:2:38: steps[0].expect.products[0]: unknown key "stock"; did you mean "store"?`},
	{"pay without order", base + "steps: [{pay: {store: s1}}]\n", "t.yaml:2:15: steps[0].pay.order: order must be an order id (1 or more), got 0; write pay: {order: 100}"},

	// expect: deliveries.
	{"expect nothing", base + "steps: [{expect: {}}]\n", "t.yaml:2:18: steps[0].expect: no condition to check; give deliveries, hooks, blocklist, exceptions, orders, carts, products, customers or requests"},
	{"delivery hook unknown", withApp + "steps: [{expect: {deliveries: [{hook: order}]}}]\n",
		`t.yaml:5:39: steps[0].expect.deliveries[0].hook: unknown hook "order"; did you mean hook "orders"?`},
	{"delivery receiver unknown", withApp + "steps: [{expect: {deliveries: [{receiver: ap}]}}]\n",
		`t.yaml:5:43: steps[0].expect.deliveries[0].receiver: unknown receiver "ap"; did you mean receiver "app"?`},
	{"delivery receiver unused", base + "receivers: [{name: audit}]\nsteps: [{expect: {deliveries: [{receiver: audit, count: 0}]}}]\n",
		`t.yaml:3:43: steps[0].expect.deliveries[0].receiver: no hook delivers to receiver "audit"; give a hook receiver: audit`},
	{"delivery store unknown", withApp + "steps: [{expect: {deliveries: [{store: s2}]}}]\n",
		`t.yaml:5:40: steps[0].expect.deliveries[0].store: unknown store "s2"; did you mean store "s1"?`},
	{"delivery destination", withApp + "steps: [{expect: {deliveries: [{destination: x}]}}]\n",
		`t.yaml:5:46: steps[0].expect.deliveries[0].destination: "x" is not an absolute http(s) URL; e.g. https://app.example.com/webhooks`},
	{"delivery scope", withApp + "steps: [{expect: {deliveries: [{scope: store/orders/*}]}}]\n",
		`t.yaml:5:40: steps[0].expect.deliveries[0].scope: "store/orders/*" is not a scope BigCommerce documents; did you mean "store/order/*"?`},
	{"delivery count negative", withApp + "steps: [{expect: {deliveries: [{count: -1}]}}]\n",
		"t.yaml:5:40: steps[0].expect.deliveries[0].count: count must be 0 or more, got -1"},
	{"delivery distinct hashes", withApp + "steps: [{expect: {deliveries: [{distinct_hashes: 0}]}}]\n",
		"t.yaml:5:50: steps[0].expect.deliveries[0].distinct_hashes: distinct_hashes must be 1 or more, got 0"},
	{"delivery count zero with more", withApp + "steps: [{expect: {deliveries: [{count: 0, status: delivered}]}}]\n",
		"t.yaml:5:40: steps[0].expect.deliveries[0].count: count: 0 expects no delivery, so no other condition can apply; remove the other conditions"},
	{"delivery signature", withApp + "steps: [{expect: {deliveries: [{signature: vaild}]}}]\n",
		`t.yaml:5:44: steps[0].expect.deliveries[0].signature: signature "vaild" is not "valid" or "absent"; did you mean "valid"?`},
	{"delivery arrival", withApp + "steps: [{expect: {deliveries: [{arrival: reverse}]}}]\n",
		`t.yaml:5:42: steps[0].expect.deliveries[0].arrival: arrival "reverse" is not "raised" or "reversed"; did you mean "reversed"?`},
	{"delivery outcome", withApp + "steps: [{expect: {deliveries: [{outcomes: [failure, sucess]}]}}]\n",
		`t.yaml:5:53: steps[0].expect.deliveries[0].outcomes[1]: outcome "sucess" is not "success" or "failure"; did you mean "success"?`},
	{"delivery success then more", withApp + "steps: [{expect: {deliveries: [{outcomes: [success, failure]}]}}]\n",
		"t.yaml:5:44: steps[0].expect.deliveries[0].outcomes[0]: no attempt follows a success; end outcomes with this success"},
	{"delivery attempts and outcomes", withApp + "steps: [{expect: {deliveries: [{attempts: 3, outcomes: [failure, success]}]}}]\n",
		"t.yaml:5:43: steps[0].expect.deliveries[0].attempts: attempts is 3 but outcomes lists 2 outcomes"},
	{"delivery beyond the schedule", "setup: {stores: [s1], retry_schedule: [1m], hooks: [{name: h, scope: store/order/*, receiver: r}]}\nreceivers: [{name: r}]\nsteps: [{expect: {deliveries: [{hook: h, attempts: 3}]}}]\n",
		"t.yaml:3:32: steps[0].expect.deliveries[0]: 3 attempts are more than retry_schedule allows (2)"},
	{"delivery status unknown", withApp + "steps: [{expect: {deliveries: [{status: delivred}]}}]\n",
		`t.yaml:5:41: steps[0].expect.deliveries[0].status: status "delivred" is not "delivered", "failed", "pending" or "cancelled"; did you mean "delivered"?`},
	{"delivered after a failure", withApp + "steps: [{expect: {deliveries: [{outcomes: [failure], status: delivered}]}}]\n",
		"t.yaml:5:62: steps[0].expect.deliveries[0].status: a delivered delivery ends with a successful attempt"},
	{"pending after a success", withApp + "steps: [{expect: {deliveries: [{outcomes: [success], status: pending}]}}]\n",
		"t.yaml:5:62: steps[0].expect.deliveries[0].status: a delivery whose last attempt succeeded is delivered, not pending"},
	{"failed too early", withApp + "steps: [{expect: {deliveries: [{attempts: 2, status: failed}]}}]\n",
		"t.yaml:5:54: steps[0].expect.deliveries[0].status: a failed delivery has made all 12 attempts of retry_schedule, not 2"},
	{"offsets start", withApp + "steps: [{expect: {deliveries: [{offsets: [1m]}]}}]\n",
		"t.yaml:5:43: steps[0].expect.deliveries[0].offsets[0]: the first attempt is at 0s, got 1m; offsets count from the first attempt"},
	{"offsets decrease", withApp + "steps: [{expect: {deliveries: [{offsets: [0s, 4m, 1m]}]}}]\n",
		"t.yaml:5:51: steps[0].expect.deliveries[0].offsets[2]: offsets must not decrease: 1m comes after 4m"},
	{"offsets and attempts", withApp + "steps: [{expect: {deliveries: [{attempts: 3, offsets: [0s, 1m]}]}}]\n",
		"t.yaml:5:55: steps[0].expect.deliveries[0].offsets: offsets lists 2 attempts, but attempts is 3"},
	{"offsets and outcomes", withApp + "steps: [{expect: {deliveries: [{outcomes: [failure, success], offsets: [0s]}]}}]\n",
		"t.yaml:5:72: steps[0].expect.deliveries[0].offsets: offsets lists 1 attempt, but outcomes lists 2 outcomes"},

	// expect: hooks, blocklist, exceptions.
	{"hook state without name", withApp + "steps: [{expect: {hooks: [{status: active}]}}]\n", "t.yaml:5:27: steps[0].expect.hooks[0].name: name is required"},
	{"hook state without status", withApp + "steps: [{expect: {hooks: [{name: orders}]}}]\n",
		`t.yaml:5:27: steps[0].expect.hooks[0].status: status is required; one of "active", "inactive", "deactivated" or "deleted"`},
	{"hook state unknown", withApp + "steps: [{expect: {hooks: [{name: orders, status: deactived}]}}]\n",
		`t.yaml:5:50: steps[0].expect.hooks[0].status: status "deactived" is not "active", "inactive", "deactivated" or "deleted"; did you mean "deactivated"?`},
	{"hook state of a deleted hook", withApp + "steps: [{hook: {delete: orders}}, {expect: {hooks: [{name: orders, status: active}]}}]\n",
		`t.yaml:5:76: steps[1].expect.hooks[0].status: hook "orders" was deleted by steps[0]; expect status: deleted`},
	{"hook state deleted too early", withApp + "steps: [{expect: {hooks: [{name: orders, status: deleted}]}}]\n",
		`t.yaml:5:50: steps[0].expect.hooks[0].status: no earlier step deletes hook "orders"; delete it with hook: {delete: orders}`},
	{"block by both", withApp + "steps: [{expect: {blocklist: [{receiver: app, destination: \"https://a.example\"}]}}]\n",
		"t.yaml:5:60: steps[0].expect.blocklist[0].destination: name the domain by receiver or by destination, not both"},
	{"block by neither", withApp + "steps: [{expect: {blocklist: [{blocked: false}]}}]\n",
		"t.yaml:5:31: steps[0].expect.blocklist[0].receiver: receiver or destination is required"},
	{"block receiver unknown", withApp + "steps: [{expect: {blocklist: [{receiver: apq}]}}]\n",
		`t.yaml:5:42: steps[0].expect.blocklist[0].receiver: unknown receiver "apq"; did you mean receiver "app"?`},
	{"block destination", withApp + "steps: [{expect: {blocklist: [{destination: a.example}]}}]\n",
		`t.yaml:5:45: steps[0].expect.blocklist[0].destination: "a.example" is not an absolute http(s) URL; e.g. https://app.example.com/webhooks`},
	{"block token", "setup: {stores: [s1], accounts: [{token: app-token}]}\nreceivers: [{name: app}]\nsteps: [{expect: {blocklist: [{receiver: app, token: x}]}}]\n",
		`t.yaml:3:54: steps[0].expect.blocklist[0].token: unknown token "x"; declare it in setup.accounts`},
	{"exception without hook", withApp + "steps: [{expect: {exceptions: [{error_code: 90002}]}}]\n",
		"t.yaml:5:32: steps[0].expect.exceptions[0].hook: hook is required: the hook the exceptions are about"},
	{"exception without code", withExceptions + "steps: [{expect: {exceptions: [{hook: orders}]}}]\n",
		"t.yaml:7:32: steps[0].expect.exceptions[0].error_code: error_code is required; 90001 (will retry), 90002 (deactivated) or 90003 (domain blocked)"},
	{"exception code unknown", withExceptions + "steps: [{expect: {exceptions: [{hook: orders, error_code: 90004}]}}]\n",
		"t.yaml:7:59: steps[0].expect.exceptions[0].error_code: error_code 90004 is not one BigCommerce sends; 90001 (will retry), 90002 (deactivated) or 90003 (domain blocked)"},
	{"exception count negative", withExceptions + "steps: [{expect: {exceptions: [{hook: orders, error_code: 90001, count: -1}]}}]\n",
		"t.yaml:7:73: steps[0].expect.exceptions[0].count: count must be 0 or more, got -1"},
	{"exception without exception hook", withApp + "steps: [{expect: {exceptions: [{hook: orders, error_code: 90002}]}}]\n",
		`t.yaml:5:39: steps[0].expect.exceptions[0].hook: the account of hook "orders" has no store/hook/deliveryException hook in store "s1"; BigCommerce sends exceptions only to such a hook: add one to setup.hooks`},
}

// withExceptions adds a delivery-exception hook to withApp's setup.
const withExceptions = `setup:
  stores: [s1]
  hooks:
    - {name: orders, scope: store/order/*, receiver: app}
    - {name: alerts, scope: store/hook/deliveryException, receiver: alerts}
receivers: [{name: app}, {name: alerts}]
`

// withAppPath is withApp with the hook's path set to p.
func withAppPath(p string) string {
	return strings.Replace(withApp, "receiver: app}", "receiver: app, path: "+p+"}", 1)
}

// elevenHooks is a setup with eleven hooks on one store, account and scope,
// the last at line 14.
func elevenHooks() string {
	var b strings.Builder
	b.WriteString("setup:\n  stores: [s1]\n  hooks:\n")
	for i := range 11 {
		fmt.Fprintf(&b, "    - {name: h%d, scope: store/order/*, receiver: r, path: /%d}\n", i, i)
	}
	b.WriteString("receivers: [{name: r}]\n")
	return b.String()
}

func TestProblemMessages(t *testing.T) {
	for _, tt := range problemCases {
		t.Run(tt.name, func(t *testing.T) {
			got := problemLines(t, tt.src)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

// problemLines parses src as t.yaml and returns its problems, one line each.
func problemLines(t *testing.T, src string) []string {
	t.Helper()
	_, err := scenarios.Parse("t.yaml", []byte(src))
	var ps scenarios.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Parse error = %v, want Problems", err)
	}
	if !errors.Is(err, scenarios.ErrInvalid) {
		t.Errorf("errors.Is(err, ErrInvalid) = false")
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}
