package runner

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"time"
)

// Paths of the scenario endpoints, described by scenario-control.yaml.
// They sit beside bcmock's control API, which "bcmock serve --scenario"
// mounts them in front of.
const (
	// ScenarioPath answers GET with the scenario and the state of its steps.
	ScenarioPath = "/__bcmock/scenario"
	// RunPath runs steps on POST: every remaining one, or {"step": N}.
	RunPath = "/__bcmock/scenario/run"
)

var _ http.Handler = (*Session)(nil)

// ServeHTTP serves the scenario endpoints (ScenarioPath and RunPath) for
// the session; scenario-control.yaml describes them. A POST to RunPath
// runs steps while the request waits, one run at a time.
func (se *Session) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case ScenarioPath:
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			WriteError(w, http.StatusMethodNotAllowed, "method not allowed", r.Method+" "+r.URL.Path)
			return
		}
		writeJSON(w, http.StatusOK, se.describe())
	case RunPath:
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			WriteError(w, http.StatusMethodNotAllowed, "method not allowed", r.Method+" "+r.URL.Path)
			return
		}
		se.serveRun(w, r)
	default:
		WriteError(w, http.StatusNotFound, "no such scenario endpoint", r.URL.Path+" (there are GET "+ScenarioPath+" and POST "+RunPath+")")
	}
}

// runRequest is the body of POST RunPath.
type runRequest struct {
	// Step is the 1-based step to run alone; nil runs every remaining step.
	Step *int `json:"step"`
}

// maxRunBody bounds the body of POST RunPath.
const maxRunBody = 4 << 10

// serveRun runs the steps a POST asks for.
func (se *Session) serveRun(w http.ResponseWriter, r *http.Request) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxRunBody+1))
	if err != nil || len(raw) > maxRunBody {
		WriteError(w, http.StatusBadRequest, "invalid body", "the body is unreadable or larger than 4 KiB")
		return
	}
	var req runRequest
	if len(bytes.TrimSpace(raw)) > 0 {
		if ct := r.Header.Get("Content-Type"); ct != "" {
			if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
				WriteError(w, http.StatusUnsupportedMediaType, "unsupported content type", "send the body as JSON with Content-Type: application/json (curl: -H 'Content-Type: application/json')")
				return
			}
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			WriteError(w, http.StatusBadRequest, "invalid body", `want {} or {"step": N}: `+err.Error())
			return
		}
	}
	var results StepResults
	if req.Step != nil {
		if *req.Step < 1 || *req.Step > len(se.s.Steps) {
			WriteError(w, http.StatusUnprocessableEntity, "no such step", "step must be between 1 and the number of steps")
			return
		}
		results = StepResults{se.RunStep(r.Context(), *req.Step)}
	} else {
		results = se.RunRemaining(r.Context())
	}
	out := runJSON{Passed: results.Passed(), Steps: make([]stepJSON, len(results)), NextStep: nextJSON(se.Next())}
	for i, res := range results {
		out.Steps[i] = toStepJSON(res)
	}
	writeJSON(w, http.StatusOK, out)
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

// describe builds the answer of GET ScenarioPath.
func (se *Session) describe() scenarioJSON {
	out := scenarioJSON{
		Name: se.s.Name, Description: se.s.Description, File: se.cfg.file, Mock: se.base,
		Clock: string(se.s.Setup.Clock.Mode), NextStep: nextJSON(se.Next()),
		Receivers: []receiverJSON{}, Hooks: []hookJSONOut{}, Steps: []stepJSON{},
	}
	for _, rc := range se.s.Receivers {
		r := se.receivers[rc.Name]
		out.Receivers = append(out.Receivers, receiverJSON{Name: r.name, URL: r.url, Target: r.target, Callbacks: len(r.callbacks())})
	}
	se.mu.Lock()
	for _, h := range se.s.Setup.Hooks {
		if st := se.hooks[h.Name]; st != nil {
			out.Hooks = append(out.Hooks, hookJSONOut{Name: st.name, Store: st.store, ID: st.id, Deleted: st.deleted})
		}
	}
	se.mu.Unlock()
	for _, r := range se.Status() {
		out.Steps = append(out.Steps, toStepJSON(r))
	}
	return out
}

// nextJSON is n, or null when every step has run.
func nextJSON(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

func toPositionJSON(p Position) positionJSON {
	return positionJSON{File: p.File, Line: p.Line, Column: p.Column}
}

func toStepJSON(r StepResult) stepJSON {
	out := stepJSON{Number: r.Number, Kind: r.Kind, Path: r.Path, Position: toPositionJSON(r.Pos),
		Summary: r.Summary, Status: string(r.Status), Done: r.Done, Report: r.Report()}
	if r.Status == StepPassed || r.Status == StepFailed {
		ms := float64(r.Duration) / float64(time.Millisecond)
		out.DurationMS = &ms
	}
	if r.Err != nil {
		out.Error = r.Err.Error()
	}
	for _, f := range r.Failures {
		fj := failureJSON{Path: f.Path, Position: toPositionJSON(f.Pos), Subject: f.Subject, Note: f.Note, More: f.MoreDeliveries, Mismatches: []mismatchJSON{}}
		for _, m := range f.Mismatches {
			fj.Mismatches = append(fj.Mismatches, mismatchJSON(m))
		}
		for _, d := range f.Deliveries {
			dj := deliveryJSON{ID: d.ID, Scope: d.Scope, Hook: d.Hook, Destination: d.Destination, Status: d.Status, LastError: d.LastError, Attempts: []attemptJSON{}}
			for _, a := range d.Attempts {
				dj.Attempts = append(dj.Attempts, attemptJSON{Number: a.Number, OffsetSeconds: a.Offset.Seconds(), Status: a.Status, Outcome: a.Outcome, Error: a.Error})
			}
			fj.Deliveries = append(fj.Deliveries, dj)
		}
		out.Failures = append(out.Failures, fj)
	}
	return out
}

// errorJSON is the error body of the scenario endpoints, shaped like the
// control API's.
type errorJSON struct {
	Status int    `json:"status"`
	Title  string `json:"title"`
	Detail string `json:"detail,omitempty"`
}

// WriteError answers an error in the shape of the scenario endpoints
// (and of bcmock's control API): {status, title, detail}. A server that
// mounts the endpoints uses it for answers of its own, such as 503 while
// no scenario is loaded.
func WriteError(w http.ResponseWriter, status int, title, detail string) {
	writeJSON(w, status, errorJSON{Status: status, Title: title, Detail: detail})
}

// writeJSON answers v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"status":500,"title":"could not encode the answer"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
