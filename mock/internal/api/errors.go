package api

import (
	"net/http"

	"github.com/bcmock/bcmock/mock/internal/gateway"
)

// Titles of BigCommerce's error bodies. Where BigCommerce documents one
// (SPEC examples) it is used verbatim; the others are bcmock's choice and
// listed in the README's fidelity section.
const (
	titleInvalid       = "Input is invalid."
	titleUnauthorized  = "Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store."
	titleUnprocessable = "JSON data is missing or invalid"
	titleNotFound      = "The requested resource was not found."
	titleNotAllowed    = "The requested method is not allowed for this resource."
	titleNotImpl       = "The requested method is not supported by the API."
	titleNotAcceptable = "The requested response format is not supported; send Accept: application/json."
	titleUnsupported   = "Unsupported media type; send Content-Type: application/json."
	titleTooLarge      = "The request is too large."
	titleConflict      = "The webhook conflicts with an existing one."
	titleLimit         = "You have reached a platform limit for webhooks."
	titleTooMany       = "Too many requests: the store's API quota for this window is spent; retry after X-Retry-After seconds."
)

// titles are the gateway's errors in BigCommerce's words.
var titles = gateway.Titles{
	Unauthorized: titleUnauthorized, NotFound: titleNotFound, NotAllowed: titleNotAllowed, NotImplemented: titleNotImpl,
	NotAcceptable: titleNotAcceptable, TooLarge: titleTooLarge, Unsupported: titleUnsupported,
	Malformed: titleInvalid, Invalid: titleUnprocessable, TooManyRequests: titleTooMany,
}

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

// v3Errors writes BigCommerce's v3 error body. A 422 always has an errors
// object, as BigCommerce's do.
func v3Errors(w http.ResponseWriter, e gateway.Error) {
	fields := e.Fields
	if e.Status == http.StatusUnprocessableEntity && fields == nil {
		fields = map[string]string{}
	}
	gateway.WriteJSON(w, e.Status, v3Error{Status: e.Status, Title: e.Title, Type: gateway.ErrorType, Errors: fields})
}

// v2Errors writes BigCommerce's v2 error array.
func v2Errors(w http.ResponseWriter, e gateway.Error) {
	gateway.WriteJSON(w, e.Status, []v2Error{{Status: e.Status, Message: e.Title, Details: e.Fields}})
}

// writeError answers an error in the shape of ver.
func writeError(w http.ResponseWriter, ver apiVersion, status int, title string, fields map[string]string) {
	e := gateway.Error{Status: status, Title: title, Fields: fields}
	if ver == v2 {
		v2Errors(w, e)
		return
	}
	v3Errors(w, e)
}
