// Package clock gives the mock its notion of "now".
//
// Every time the mock reads (hook timestamps, delivery due times, signature
// timestamps, blocklist windows) comes from a Clock, so that tests and the
// --clock=fake mode can move time explicitly instead of sleeping.
package clock

import (
	"sync"
	"time"
)

// Clock tells the current time. Implementations must be safe for concurrent use.
type Clock interface {
	Now() time.Time
}

// Real is the wall clock. Its zero value is ready to use.
type Real struct{}

// Now returns time.Now().
func (Real) Now() time.Time { return time.Now() }

// Fake is a clock that moves only when told to. The zero value is not usable;
// create one with NewFake.
type Fake struct {
	mu  sync.Mutex
	now time.Time
}

// NewFake returns a fake clock that reads start until it is Set or Advanced.
func NewFake(start time.Time) *Fake { return &Fake{now: start} }

// Now returns the fake clock's current instant.
func (f *Fake) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// Set moves the clock to t. Moving backwards is allowed: it is the caller's
// choice, and the delivery engine never does it.
func (f *Fake) Set(t time.Time) {
	f.mu.Lock()
	f.now = t
	f.mu.Unlock()
}

// Advance moves the clock forward by d and returns the new instant.
func (f *Fake) Advance(d time.Duration) time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
	return f.now
}

var (
	_ Clock = Real{}
	_ Clock = (*Fake)(nil)
)
