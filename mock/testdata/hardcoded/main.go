// Command hardcoded is an integration that hard-codes BigCommerce's host,
// as most published clients do, and is configured only through its
// environment (HTTPS_PROXY, SSL_CERT_FILE): the TLS face's tests run it to
// show that such a client reaches bcmock unchanged. It lists the webhooks
// of store abc123 and prints the status and the body.
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
)

func main() {
	req, err := http.NewRequest(http.MethodGet, "https://api.bigcommerce.com/stores/abc123/v3/hooks", nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	req.Header.Set("X-Auth-Token", "hardcoded-app")
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Printf("%d %s\n", resp.StatusCode, body)
}
