// This test drives the API the way BigCommerce's documentation shows an
// integration doing it, with nothing but net/http: the same headers, paths,
// bodies and envelope handling a client written for api.bigcommerce.com
// uses, only the base URL is bcmock's.
package mock_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/bcmock/bcmock/mock"
)

// bcClient is a minimal BigCommerce webhooks client as an app would write it.
type bcClient struct {
	base  string // https://api.bigcommerce.com/stores/{store_hash}/v3 in production
	token string
	http  *http.Client
}

type webhook struct {
	ID          int               `json:"id"`
	ClientID    string            `json:"client_id"`
	StoreHash   string            `json:"store_hash"`
	Scope       string            `json:"scope"`
	Destination string            `json:"destination"`
	IsActive    bool              `json:"is_active"`
	Headers     map[string]string `json:"headers"`
	CreatedAt   int64             `json:"created_at"`
	UpdatedAt   int64             `json:"updated_at"`
}

type pagination struct {
	Total       int `json:"total"`
	Count       int `json:"count"`
	PerPage     int `json:"per_page"`
	CurrentPage int `json:"current_page"`
	TotalPages  int `json:"total_pages"`
	Links       struct {
		Previous string `json:"previous"`
		Current  string `json:"current"`
		Next     string `json:"next"`
	} `json:"links"`
}

func (c bcClient) call(method, path string, in, out any) (int, error) {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return 0, err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		return 0, err
	}
	req.Header.Set("X-Auth-Token", c.token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if out != nil && resp.StatusCode == http.StatusOK {
		return resp.StatusCode, json.NewDecoder(resp.Body).Decode(out)
	}
	return resp.StatusCode, nil
}

func TestIntegrationWrittenForTheRealAPI(t *testing.T) {
	srv, err := mock.New()
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	c := bcClient{base: ts.URL + "/stores/abc123/v3", token: "app-access-token", http: ts.Client()}

	// Create: POST /hooks answers 200 with {data: webhook, meta: {}}.
	var created struct {
		Data webhook        `json:"data"`
		Meta map[string]any `json:"meta"`
	}
	for i, scope := range []string{"store/order/created", "store/order/updated", "store/order/statusUpdated", "store/cart/*", "store/product/updated"} {
		status, err := c.call("POST", "/hooks", map[string]any{
			"scope": scope, "destination": fmt.Sprintf("https://app.example.com/webhooks/%d", i),
			"is_active": true, "headers": map[string]string{"X-App-Key": "k"},
		}, &created)
		if err != nil || status != http.StatusOK {
			t.Fatalf("create %s: %d %v", scope, status, err)
		}
	}
	if created.Data.ID == 0 || created.Data.ClientID == "" || created.Data.Headers["X-App-Key"] != "k" {
		t.Fatalf("created = %+v", created.Data)
	}

	// List with a filter, page by page, following meta.pagination.
	var ids []int
	for page := 1; ; page++ {
		var list struct {
			Data []webhook `json:"data"`
			Meta struct {
				Pagination pagination `json:"pagination"`
			} `json:"meta"`
		}
		status, err := c.call("GET", fmt.Sprintf("/hooks?is_active=true&limit=2&page=%d", page), nil, &list)
		if err != nil || status != http.StatusOK {
			t.Fatalf("list page %d: %d %v", page, status, err)
		}
		for _, h := range list.Data {
			ids = append(ids, h.ID)
		}
		if list.Meta.Pagination.Links.Next == "" {
			if list.Meta.Pagination.TotalPages != page || list.Meta.Pagination.Total != 5 {
				t.Errorf("last page %d: pagination %+v", page, list.Meta.Pagination)
			}
			break
		}
	}
	if fmt.Sprint(ids) != "[1 2 3 4 5]" {
		t.Errorf("paged ids = %v", ids)
	}

	// Update: PUT /hooks/{id} with only the fields to change.
	var updated struct {
		Data webhook `json:"data"`
	}
	if status, err := c.call("PUT", "/hooks/2", map[string]any{"destination": "https://app.example.com/webhooks/orders"}, &updated); err != nil || status != 200 {
		t.Fatalf("update: %d %v", status, err)
	}
	if updated.Data.Destination != "https://app.example.com/webhooks/orders" || updated.Data.Scope != "store/order/updated" {
		t.Errorf("updated = %+v", updated.Data)
	}

	// Reactivate a hook BigCommerce deactivated after failed deliveries.
	mock.StoreOf(srv).Deactivate("abc123", 3)
	var admin struct {
		Data struct {
			HooksList []struct {
				ID     int    `json:"id"`
				Status string `json:"status"`
			} `json:"hooks_list"`
		} `json:"data"`
	}
	if status, err := c.call("GET", "/hooks/admin?is_active=false", nil, &admin); err != nil || status != 200 || len(admin.Data.HooksList) != 1 || admin.Data.HooksList[0].Status != "deactivated" {
		t.Fatalf("admin after deactivation: %d %v %+v", status, err, admin.Data)
	}
	if status, err := c.call("PUT", "/hooks/3", map[string]any{"is_active": true}, &updated); err != nil || status != 200 || !updated.Data.IsActive {
		t.Fatalf("reactivate: %d %v %+v", status, err, updated.Data)
	}

	// Delete answers 200 with the deleted hook; then it is gone.
	var deleted struct {
		Data webhook `json:"data"`
	}
	if status, err := c.call("DELETE", "/hooks/5", nil, &deleted); err != nil || status != 200 || deleted.Data.ID != 5 {
		t.Fatalf("delete: %d %v %+v", status, err, deleted.Data)
	}
	if status, _ := c.call("GET", "/hooks/5", nil, nil); status != http.StatusNotFound {
		t.Errorf("deleted hook still answers %d", status)
	}
}
