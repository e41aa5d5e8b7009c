package testkit_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/testkit"
)

// TestNpmNodePreloadTunnelsBigCommerceOnly runs docs/node/bcmock-proxy.cjs,
// the README's recipe for Node clients that hard-code api.bigcommerce.com
// on a Node whose https module ignores HTTPS_PROXY (node-bigcommerce,
// @space48 and @aligent bigcommerce-api build their own https.Agent): with
// ProxyEnv and the preload alone, https.get and a fresh https.Agent reach
// the mock, and a host outside bigcommerce.com is not tunnelled. Skipped
// where node is not installed (CI has none).
func TestNpmNodePreloadTunnelsBigCommerceOnly(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	preload, err := filepath.Abs(filepath.Join("..", "docs", "node", "bcmock-proxy.cjs"))
	if err != nil {
		t.Fatal(err)
	}
	srv := testkit.Start(t, testkit.WithTLSFace())
	if err := createHook(srv.Client(), srv.StoreURL("abc123"), "node-token", "store/order/created", "https://app.example.com/node"); err != nil {
		t.Fatal(err)
	}
	const script = `
const https = require('https');
const get = (url, agent) => new Promise((resolve) => {
  https.get(url, { agent, headers: { 'X-Auth-Token': 'node-token' } }, (res) => {
    let body = ''; res.on('data', (c) => body += c); res.on('end', () => resolve(res.statusCode + ' ' + body.trim()));
  }).on('error', (e) => resolve('error ' + e.message));
});
(async () => {
  console.log('global:', await get('https://api.bigcommerce.com/stores/abc123/v3/hooks'));
  console.log('own agent:', await get('https://api.bigcommerce.com/stores/abc123/v3/hooks', new https.Agent({ keepAlive: true })));
  console.log('other host:', await get('https://127.0.0.1:1/'));
})();`
	cmd := exec.Command(node, "-e", script)
	cmd.Env = append(os.Environ(), append(srv.ProxyEnv(t), "NODE_OPTIONS=--require "+preload)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 3 {
		t.Fatalf("node printed:\n%s", out)
	}
	for _, l := range lines[:2] {
		if !strings.Contains(l, " 200 ") || !strings.Contains(l, "https://app.example.com/node") {
			t.Errorf("through the preload: %s", l)
		}
	}
	if !strings.Contains(lines[2], "error") || strings.Contains(lines[2], "CONNECT") {
		t.Errorf("a host outside bigcommerce.com went through the proxy: %s", lines[2])
	}
}
