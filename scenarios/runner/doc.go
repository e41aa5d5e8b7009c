// Package runner runs bcmock scenario files (package scenarios): it sets a
// mock up as a scenario's setup says, serves the scenario's receivers,
// registers its hooks, runs its steps in order and checks its
// expectations, reporting every failed condition with what was expected,
// what happened, the attempts seen, and where the step is in the file.
//
//	s, err := scenarios.Load("scenarios/examples/retry-ladder-deactivation.yaml")
//	if err != nil { ... }
//	res := runner.Run(ctx, s, runner.WithSource(path, data))
//	if !res.Passed() { fmt.Print(res.Report()) }
//
// The runner drives its mock over HTTP only: BigCommerce's v3 API for
// hooks (with each hook's token) and bcmock's control API, through an
// adminapi.Client, for events, the clock and the delivery log. Run starts
// a fresh in-process mock (mock.New behind an httptest server) for each
// scenario, so runs share nothing; WithMockURL points it at a running
// "bcmock serve" instead, and Start returns a Session whose steps can be
// run one at a time (what "bcmock serve --scenario" does).
//
// Every receiver is a testkit/receiver Receiver on its own port, so the
// blocklist sees each receiver as its own domain. It answers with its
// scripted responses in turn (the last one repeats), waits out a delay,
// hangs ("timeout") until bcmock gives up or the run ends, or closes the
// connection ("close"); it records every callback. WithTarget replaces a
// receiver by the user's real app.
//
// Before each step the runner lets every attempt that is due finish: under
// a fake clock it advances the clock by zero, which waits for the work due
// now; under the real clock it polls the delivery log until no delivery is
// due. Under a fake clock a scenario that walks BigCommerce's whole 48-hour
// retry ladder runs in milliseconds.
package runner
