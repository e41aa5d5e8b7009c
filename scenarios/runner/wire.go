package runner

// The wire of the scenario endpoints, described by scenario-control.yaml:
// their paths, the body of a run request and every answer. This file is
// the one place they are defined.

// Paths of the scenario endpoints, described by scenario-control.yaml.
// They sit beside bcmock's control API, which "bcmock serve --scenario"
// mounts them in front of.
const (
	// ScenarioPath answers GET with the scenario and the state of its steps.
	ScenarioPath = "/__bcmock/scenario"
	// RunPath runs steps on POST: every remaining one, or {"step": N}.
	RunPath = "/__bcmock/scenario/run"
)

// runRequest is the body of POST RunPath.
type runRequest struct {
	// Step is the 1-based step to run alone; nil runs every remaining step.
	Step *int `json:"step"`
}

// scenarioJSON answers GET ScenarioPath.
type scenarioJSON struct {
	Name        string         `json:"name"`
	Description string         `json:"description,omitempty"`
	File        string         `json:"file,omitempty"`
	Mock        string         `json:"mock"`
	Clock       string         `json:"clock"`
	NextStep    *int           `json:"next_step"`
	Receivers   []receiverJSON `json:"receivers"`
	Hooks       []hookJSONOut  `json:"hooks"`
	Steps       []stepJSON     `json:"steps"`
}

type receiverJSON struct {
	Name      string `json:"name"`
	URL       string `json:"url"`
	Target    bool   `json:"target"`
	Callbacks int    `json:"callbacks"`
}

type hookJSONOut struct {
	Name    string `json:"name"`
	Store   string `json:"store"`
	ID      int    `json:"id"`
	Deleted bool   `json:"deleted"`
}

type runJSON struct {
	Passed   bool       `json:"passed"`
	NextStep *int       `json:"next_step"`
	Steps    []stepJSON `json:"steps"`
}

type positionJSON struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

type stepJSON struct {
	Number     int           `json:"number"`
	Kind       string        `json:"kind"`
	Path       string        `json:"path"`
	Position   positionJSON  `json:"position"`
	Summary    string        `json:"summary"`
	Status     string        `json:"status"`
	Done       string        `json:"done,omitempty"`
	DurationMS *float64      `json:"duration_ms,omitempty"`
	Error      string        `json:"error,omitempty"`
	Failures   []failureJSON `json:"failures,omitempty"`
	Report     string        `json:"report,omitempty"`
}

type failureJSON struct {
	Path       string         `json:"path"`
	Position   positionJSON   `json:"position"`
	Subject    string         `json:"subject"`
	Mismatches []mismatchJSON `json:"mismatches"`
	Note       string         `json:"note,omitempty"`
	Deliveries []deliveryJSON `json:"deliveries,omitempty"`
	More       int            `json:"more_deliveries,omitempty"`
}

type mismatchJSON struct {
	Key      string `json:"key"`
	Expected string `json:"expected"`
	Got      string `json:"got"`
}

type deliveryJSON struct {
	ID          int64         `json:"id"`
	Scope       string        `json:"scope"`
	Hook        string        `json:"hook"`
	Destination string        `json:"destination"`
	Status      string        `json:"status"`
	LastError   string        `json:"last_error,omitempty"`
	Attempts    []attemptJSON `json:"attempts"`
}

type attemptJSON struct {
	Number        int     `json:"number"`
	OffsetSeconds float64 `json:"offset_seconds"`
	Status        int     `json:"status"`
	Outcome       string  `json:"outcome"`
	Error         string  `json:"error,omitempty"`
}

// errorJSON is the error body of the scenario endpoints, shaped like the
// control API's.
type errorJSON struct {
	Status int    `json:"status"`
	Title  string `json:"title"`
	Detail string `json:"detail,omitempty"`
}
