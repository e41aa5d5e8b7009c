package gateway

import (
	"encoding/json"
	"net/http"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// WriteJSON answers v as JSON with status: the one JSON writer of every
// family. HTML escaping is off, so pagination links keep their "&" and
// every answer escapes strings the same way.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	body, err := bigcommerce.Marshal(v)
	if err != nil {
		WriteInternal(w, "bcmock could not encode its response", map[string]string{"encode": err.Error()})
		return
	}
	WriteRaw(w, status, append(body, '\n'))
}

// WriteRaw answers body, already JSON, with status.
func WriteRaw(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// internalError is the body of a 500: the mock failed, not the request. It
// has BigCommerce's v3 error fields, which every family's clients read.
type internalError struct {
	Status int               `json:"status"`
	Title  string            `json:"title"`
	Type   string            `json:"type"`
	Errors map[string]string `json:"errors,omitempty"`
}

// WriteInternal answers 500 with title and the problems by field.
func WriteInternal(w http.ResponseWriter, title string, fields map[string]string) {
	body, _ := json.Marshal(internalError{Status: http.StatusInternalServerError, Title: title, Type: ErrorType, Errors: fields})
	WriteRaw(w, http.StatusInternalServerError, body)
}

// ErrorType is the "type" BigCommerce puts on every v3 error body.
const ErrorType = "/api-docs/getting-started/api-status-codes"
