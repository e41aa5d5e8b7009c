package webhook

// DefaultClient is the client New builds when WithHTTPClient is not given,
// exported for the benchmarks' bare-client baseline.
var DefaultClient = defaultClient
