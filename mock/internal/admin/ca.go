package admin

import (
	"net/http"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/internal/gateway"
)

// ca answers the TLS face's CA certificate, or 404 when the face is off.
func (a *Admin) ca(w http.ResponseWriter, _ *http.Request, _ *gateway.Request) {
	var pem []byte
	if a.cfg.CA != nil {
		pem = a.cfg.CA()
	}
	if pem == nil {
		WriteError(w, gateway.Error{Status: http.StatusNotFound, Title: "the TLS face is off",
			Detail: "this mock serves no CA: start it with the TLS face (bcmock serve has it; in Go, mock.WithTLSFace or testkit.WithTLSFace)"})
		return
	}
	w.Header().Set("Content-Type", adminapi.PEMMediaType)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(pem)
}
