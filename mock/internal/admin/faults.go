package admin

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

// EngineFaults checks faults (adminapi.CheckFaults) and converts them for
// the delivery engine.
func EngineFaults(faults []adminapi.Fault) ([]webhook.Fault, *adminapi.FaultProblem) {
	if p := adminapi.CheckFaults(faults); p != nil {
		return nil, p
	}
	if len(faults) == 0 {
		return nil, nil
	}
	out := make([]webhook.Fault, len(faults))
	for i, f := range faults {
		out[i] = webhook.Fault{
			Kind: webhook.FaultKind(f.Kind), Count: f.Count, Copies: f.Copies, Events: f.Events,
			After: seconds(f.AfterSeconds), Hold: seconds(f.HoldSeconds), Signature: webhook.Forgery(f.Signature),
		}
	}
	return out, nil
}

// seconds converts a number of seconds to a duration.
func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// WireHookFaults returns a hook's faults as the control API shows them.
func WireHookFaults(storeHash string, hookID int, faults []webhook.HookFault) adminapi.HookFaults {
	out := adminapi.HookFaults{StoreHash: storeHash, HookID: hookID, Faults: make([]adminapi.HookFault, 0, len(faults))}
	for _, f := range faults {
		out.Faults = append(out.Faults, adminapi.HookFault{Left: f.Left, Fault: adminapi.Fault{
			Kind: adminapi.FaultKind(f.Kind), Count: f.Count, Copies: f.Copies, Events: f.Events,
			AfterSeconds: f.After.Seconds(), HoldSeconds: f.Hold.Seconds(), Signature: string(f.Signature),
		}})
	}
	return out
}

// faultsIn decodes the faults field of a validated request body.
func faultsIn(obj map[string]any) ([]adminapi.Fault, error) {
	raw, ok := obj["faults"]
	if !ok || raw == nil {
		return nil, nil
	}
	b, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	var faults []adminapi.Fault
	if err := json.Unmarshal(b, &faults); err != nil {
		return nil, err
	}
	return faults, nil
}

// faultError answers a fault the caller got wrong.
func faultError(p *adminapi.FaultProblem) gateway.Error {
	return gateway.Error{Status: http.StatusUnprocessableEntity, Title: "invalid fault", Detail: p.Error(), Fields: map[string]string{p.Path(): p.Message}}
}

// hookOf returns the hook a faults request names, or answers 404.
func (a *Admin) hookOf(w http.ResponseWriter, in *gateway.Request) (string, int, bool) {
	storeHash := in.Param("store_hash")
	id, _ := strconv.Atoi(in.Param("hook_id"))
	if _, ok := a.cfg.Store.Lookup(storeHash, id); !ok {
		WriteError(w, gateway.Error{Status: http.StatusNotFound, Title: "unknown hook", Detail: fmt.Sprintf("store %s has no hook %d", storeHash, id)})
		return "", 0, false
	}
	return storeHash, id, true
}

func (a *Admin) getHookFaults(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	storeHash, id, ok := a.hookOf(w, in)
	if !ok {
		return
	}
	gateway.WriteJSON(w, http.StatusOK, WireHookFaults(storeHash, id, a.cfg.Engine.HookFaults(storeHash, id)))
}

func (a *Admin) setHookFaults(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	storeHash, id, ok := a.hookOf(w, in)
	if !ok {
		return
	}
	faults, err := faultsIn(in.Object())
	if err != nil {
		WriteError(w, gateway.Error{Status: http.StatusUnprocessableEntity, Title: "invalid fault", Detail: err.Error()})
		return
	}
	ef, p := EngineFaults(faults)
	if p == nil && len(faults) > adminapi.MaxHookFaults {
		p = &adminapi.FaultProblem{Index: adminapi.MaxHookFaults, Message: fmt.Sprintf("a hook takes at most %d faults", adminapi.MaxHookFaults)}
	}
	if p != nil {
		WriteError(w, faultError(p))
		return
	}
	if err := a.cfg.Engine.SetHookFaults(storeHash, id, ef); err != nil {
		WriteError(w, gateway.Error{Status: http.StatusUnprocessableEntity, Title: "invalid fault", Detail: err.Error()})
		return
	}
	a.getHookFaults(w, nil, in)
}

func (a *Admin) clearHookFaults(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	storeHash, id, ok := a.hookOf(w, in)
	if !ok {
		return
	}
	_ = a.cfg.Engine.SetHookFaults(storeHash, id, nil) // none: cannot fail
	a.getHookFaults(w, nil, in)
}
