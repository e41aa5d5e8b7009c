package mock_test

import (
	"encoding/json"
	"net/http"
	"testing"
)

const hooksV2 = "/stores/abc123/v2/hooks"

func TestV2AnswersBareObjectsAndArrays(t *testing.T) {
	h := newHarness(t)
	created := h.do(req{method: "POST", path: hooksV2, token: tokenA, body: `{"scope":"store/product/updated","destination":"https://a.example/x","is_active":true}`})
	expect(t, created, http.StatusOK)
	hook := created.json(t)
	if hook["id"] != 1.0 || hook["scope"] != "store/product/updated" {
		t.Fatalf("v2 create = %s, want a bare hook object", created.body)
	}
	if _, enveloped := hook["data"]; enveloped {
		t.Fatalf("v2 response has an envelope: %s", created.body)
	}

	list := h.do(req{method: "GET", path: hooksV2, token: tokenA})
	expect(t, list, http.StatusOK)
	var arr []map[string]any
	if err := json.Unmarshal(list.body, &arr); err != nil || len(arr) != 1 {
		t.Fatalf("v2 list = %s, want a bare array of one", list.body)
	}

	// v2 and v3 are two views of the same hooks.
	v3 := h.do(req{method: "GET", path: hooks + "/1", token: tokenA})
	expect(t, v3, http.StatusOK)

	upd := h.do(req{method: "PUT", path: hooksV2 + "/1", token: tokenA, body: `{"is_active":false}`})
	expect(t, upd, http.StatusOK)
	if upd.json(t)["is_active"] != false {
		t.Errorf("v2 update = %s", upd.body)
	}
	expect(t, h.do(req{method: "GET", path: hooksV2 + "/1", token: tokenA}), http.StatusOK)
	del := h.do(req{method: "DELETE", path: hooksV2 + "/1", token: tokenA})
	expect(t, del, http.StatusOK)
	if del.json(t)["id"] != 1.0 {
		t.Errorf("v2 delete = %s", del.body)
	}
}

func TestV2ErrorsAreArraysOfStatusAndMessage(t *testing.T) {
	tests := []struct {
		name   string
		r      req
		status int
	}{
		{"no token", req{method: "GET", path: hooksV2}, 401},
		{"unknown hook", req{method: "GET", path: hooksV2 + "/7", token: tokenA}, 404},
		{"invalid body", req{method: "POST", path: hooksV2, token: tokenA, body: `{"scope":2}`}, 422},
		{"malformed body", req{method: "POST", path: hooksV2, token: tokenA, body: `{`}, 400},
		{"admin is v3 only", req{method: "GET", path: hooksV2 + "/admin", token: tokenA}, 422},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := newHarness(t).do(tt.r)
			expect(t, res, tt.status)
			var errs []struct {
				Status  int    `json:"status"`
				Message string `json:"message"`
			}
			if err := json.Unmarshal(res.body, &errs); err != nil || len(errs) != 1 || errs[0].Status != tt.status || errs[0].Message == "" {
				t.Errorf("v2 error body = %s, want [{status, message}]", res.body)
			}
		})
	}
}
