package testkit_test

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/testkit"
)

// Code that hard-codes https://api.bigcommerce.com reaches the mock with
// WithTLSFace: TLSClient goes through the mock as its HTTPS proxy and
// trusts its CA (ProxyEnv does the same for another process).
func ExampleServer_TLSClient() {
	srv := testkit.NewServer(testkit.WithTLSFace())
	defer srv.Close()

	const api = "https://api.bigcommerce.com/stores/abc123/v3" // as the integration hard-codes it
	if err := createHook(srv.TLSClient(), api, "my-token", "store/order/created", "https://app.example.com/hooks"); err != nil {
		panic(err)
	}
	req, _ := http.NewRequest(http.MethodGet, api+"/hooks", nil)
	req.Header.Set("X-Auth-Token", "my-token")
	resp, err := srv.TLSClient().Do(req)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, resp.TLS.PeerCertificates[0].Subject.CommonName, strings.Contains(string(body), "https://app.example.com/hooks"))
	// Output: 200 api.bigcommerce.com true
}

// A rate limit on the fake clock tests an integration's back-off in
// milliseconds: past the quota the answer is 429 with X-Retry-After, and
// advancing the clock past the window refreshes it.
func ExampleWithRateLimit() {
	srv := testkit.NewServer(testkit.WithRateLimit(2, 30*time.Second), testkit.WithFakeClock(time.Time{}))
	defer srv.Close()
	get := func() *http.Response {
		req, _ := http.NewRequest(http.MethodGet, srv.StoreURL("abc123")+"/hooks", nil)
		req.Header.Set("X-Auth-Token", "my-token")
		resp, err := srv.Client().Do(req)
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
		return resp
	}
	for range 3 {
		resp := get()
		fmt.Printf("%d left=%s retry-after=%q\n", resp.StatusCode, resp.Header.Get("X-Rate-Limit-Requests-Left"), resp.Header.Get("X-Retry-After"))
	}
	if _, err := srv.AdvanceClock(context.Background(), 30*time.Second); err != nil {
		panic(err)
	}
	fmt.Println(get().StatusCode, "after the window")
	// Output:
	// 200 left=1 retry-after=""
	// 200 left=0 retry-after=""
	// 429 left=0 retry-after="30"
	// 200 after the window
}

func TestTLSFaceHelpers(t *testing.T) {
	srv := testkit.Start(t, testkit.WithTLSFace())
	block, _ := pem.Decode(srv.CAPEM())
	if block == nil {
		t.Fatal("CAPEM is not PEM")
	}
	if _, err := x509.ParseCertificate(block.Bytes); err != nil {
		t.Fatal(err)
	}
	got, err := srv.Admin().CA(context.Background())
	if err != nil || string(got) != string(srv.CAPEM()) {
		t.Errorf("Admin().CA = %q, %v; want CAPEM", got, err)
	}
	// Nothing else is tunnelled.
	if _, err := srv.TLSClient().Get("https://example.com/"); err == nil {
		t.Error("TLSClient reached example.com")
	}
	env := strings.Join(srv.ProxyEnv(t), "\n")
	for _, want := range []string{"HTTPS_PROXY=" + srv.URL, "SSL_CERT_FILE=", "NODE_EXTRA_CA_CERTS=", "REQUESTS_CA_BUNDLE=", "CURL_CA_BUNDLE="} {
		if !strings.Contains(env, want) {
			t.Errorf("ProxyEnv lacks %s:\n%s", want, env)
		}
	}
	if plain := testkit.Start(t); plain.CAPEM() != nil {
		t.Error("CAPEM without WithTLSFace")
	}
}

// TestProxyEnvConfiguresOtherLanguages runs clients in other languages
// with nothing but ProxyEnv, as the README's recipes say; each is skipped
// where its tool is not installed.
func TestProxyEnvConfiguresOtherLanguages(t *testing.T) {
	srv := testkit.Start(t, testkit.WithTLSFace())
	if err := createHook(srv.Client(), srv.StoreURL("abc123"), "env-token", "store/order/created", "https://app.example.com/env"); err != nil {
		t.Fatal(err)
	}
	const url = "https://api.bigcommerce.com/stores/abc123/v3/hooks"
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"curl", []string{"curl", "-sS", "--fail", "-H", "X-Auth-Token: env-token", url}},
		{"python requests", []string{"python3", "-c", `import requests; print(requests.get("` + url + `", headers={"X-Auth-Token": "env-token"}).text)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, err := exec.LookPath(tc.args[0])
			if err != nil {
				t.Skipf("%s is not installed", tc.args[0])
			}
			if tc.args[0] == "python3" && exec.Command(path, "-c", "import requests").Run() != nil {
				t.Skip("python3 has no requests module")
			}
			cmd := exec.Command(path, tc.args[1:]...)
			cmd.Env = append(os.Environ(), srv.ProxyEnv(t)...)
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "https://app.example.com/env") {
				t.Errorf("%s: %v\n%s", tc.name, err, out)
			}
		})
	}
}
