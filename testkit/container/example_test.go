package container_test

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/testcontainers/testcontainers-go"

	"github.com/bcmock/bcmock/testkit/container"
	"github.com/bcmock/bcmock/testkit/receiver"
)

// Run starts the image; the mock calls a receiver in the test process
// through host.docker.internal.
func ExampleRun() {
	ctx := context.Background()
	ctr, err := container.Run(ctx, "bcmock:dev",
		container.WithFakeClock(time.Time{}),
		container.WithHostAccess(), // callbacks reach the test process
	)
	defer func() {
		if err := testcontainers.TerminateContainer(ctr); err != nil {
			log.Printf("terminate bcmock: %v", err)
		}
	}()
	if err != nil {
		log.Printf("run bcmock: %v", err)
		return
	}

	// A receiver on every interface, registered under the name the container
	// knows the host by. In a test, container.StartReceiver(t) does both.
	rcv, err := receiver.New(receiver.WithListenAddr("0.0.0.0:0"))
	if err != nil {
		log.Print(err)
		return
	}
	defer rcv.Close()
	destination := container.HostURL(rcv.URL) // http://host.docker.internal:PORT

	storeURL, err := ctr.StoreURL(ctx, "abc123") // give this to the app under test
	if err != nil {
		log.Print(err)
		return
	}
	admin, err := ctr.Admin(ctx) // raise events, advance the clock, read the delivery log
	if err != nil {
		log.Print(err)
		return
	}
	health, err := admin.Health(ctx)
	if err != nil {
		log.Print(err)
		return
	}
	fmt.Println(strings.HasSuffix(storeURL, "/stores/abc123/v3"), strings.HasPrefix(destination, "http://host.docker.internal:"), health.Status)
	// Output: true true ok
}
