package api

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// errorType is the "type" BigCommerce puts on every v3 error body.
const errorType = "/api-docs/getting-started/api-status-codes"

// Titles of BigCommerce's error bodies. Where BigCommerce documents one
// (SPEC examples) it is used verbatim; the others are bcmock's choice and
// listed in the README's fidelity section.
const (
	titleInvalid      = "Input is invalid."
	titleUnauthorized = "Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store."
	titleUnprocessble = "JSON data is missing or invalid"
	titleNotFound     = "The requested resource was not found."
	titleNotAllowed   = "The requested method is not allowed for this resource."
	titleNotAcceptabl = "The requested response format is not supported; send Accept: application/json."
	titleUnsupported  = "Unsupported media type; send Content-Type: application/json."
	titleTooLarge     = "The request is too large."
	titleConflict     = "The webhook conflicts with an existing one."
	titleLimit        = "You have reached a platform limit for webhooks."
)

// apiVersion selects the error and envelope shapes: v3 wraps in {data, meta}
// and answers {status, title, type, errors}; v2 answers bare objects and
// [{status, message}].
type apiVersion int

const (
	v3 apiVersion = iota
	v2
)

// v3Error is BigCommerce's error_Full / errorDetailed_Full body.
type v3Error struct {
	Status int               `json:"status"`
	Title  string            `json:"title"`
	Type   string            `json:"type"`
	Errors map[string]string `json:"errors,omitempty"`
}

// v2Error is one element of a v2 error array.
type v2Error struct {
	Status  int               `json:"status"`
	Message string            `json:"message"`
	Details map[string]string `json:"details,omitempty"`
}

// writeError answers an error in the shape of ver. fields, when not nil,
// lists the problems by field (BigCommerce's "errors" object).
func writeError(w http.ResponseWriter, ver apiVersion, status int, title string, fields map[string]string) {
	if ver == v2 {
		writeJSON(w, status, []v2Error{{Status: status, Message: title, Details: fields}})
		return
	}
	if status == http.StatusUnprocessableEntity && fields == nil {
		fields = map[string]string{}
	}
	writeJSON(w, status, v3Error{Status: status, Title: title, Type: errorType, Errors: fields})
}

// writeJSON answers v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // pagination links hold "&"
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"status":500,"title":"bcmock could not encode its response"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
