package receiver_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/testkit/receiver"
)

// A script answers the callbacks in turn and repeats its last step: here
// the app fails twice, then recovers. Each callback is recorded with the
// answer it got.
func Example() {
	rcv, err := receiver.New(receiver.WithName("app"), receiver.WithScript(
		receiver.Respond(http.StatusInternalServerError),
		receiver.Respond(http.StatusServiceUnavailable).After(10*time.Millisecond),
		receiver.Respond(http.StatusOK),
	))
	if err != nil {
		panic(err)
	}
	defer rcv.Close()

	for range 4 { // what bcmock's retries would send
		resp, err := rcv.Client().Post(rcv.URL+"/webhooks", "application/json", strings.NewReader(`{"scope":"store/order/created"}`))
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
	}
	for _, c := range rcv.Calls() {
		fmt.Println(c.Receiver, c.Path, c.Answer)
	}
	// Output:
	// app /webhooks 500
	// app /webhooks 503 after 10ms
	// app /webhooks 200
	// app /webhooks 200
}

// WithSecret verifies every callback's signature with the API account's
// client secret, as an app using a Standard Webhooks library does.
func ExampleWithSecret() {
	const secret = "s3cr3t"
	rcv, err := receiver.New(receiver.WithSecret(secret))
	if err != nil {
		panic(err)
	}
	defer rcv.Close()

	body := []byte(`{"scope":"store/cart/created","store_id":"1001","data":{"id":7},"hash":"x","created_at":1735689600,"producer":"stores/abc123"}`)
	now := time.Now()
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, rcv.URL, strings.NewReader(string(body)))
	req.Header.Set(bigcommerce.HeaderWebhookID, "msg_1")
	req.Header.Set(bigcommerce.HeaderWebhookTimestamp, strconv.FormatInt(now.Unix(), 10))
	req.Header.Set(bigcommerce.HeaderWebhookSignature, bigcommerce.Sign(secret, "msg_1", now, body))
	resp, err := rcv.Client().Do(req)
	if err != nil {
		panic(err)
	}
	resp.Body.Close()

	c := rcv.Calls()[0]
	env, err := c.Envelope()
	if err != nil {
		panic(err)
	}
	fmt.Println(c.MessageID, env.Scope, env.Producer, "signature ok:", c.SignatureErr == nil)
	// Output: msg_1 store/cart/created stores/abc123 signature ok: true
}
