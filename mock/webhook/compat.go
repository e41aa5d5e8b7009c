package webhook

import "github.com/bcmock/bcmock/mock/bigcommerce"

// Schedule is the retry ladder the engine follows.
//
// Deprecated: use bigcommerce.Schedule, the one ladder type. This alias
// only keeps mock/server.go compiling until it names bigcommerce.Schedule
// itself; it is not a second type.
type Schedule = bigcommerce.Schedule

// Outcome and its constants name bigcommerce's.
//
// Deprecated: use bigcommerce.Outcome and its constants. These aliases only
// keep mock/adminapi (not this branch's) compiling until it has wire types
// of its own (issue 8, item 3); the engine itself uses bigcommerce's.
type Outcome = bigcommerce.Outcome

// Deprecated: see Outcome.
const (
	OutcomePending   = bigcommerce.OutcomePending
	OutcomeDelivered = bigcommerce.OutcomeDelivered
	OutcomeFailed    = bigcommerce.OutcomeFailed
	OutcomeCancelled = bigcommerce.OutcomeCancelled
	OutcomeSuccess   = bigcommerce.OutcomeSuccess
	OutcomeFailure   = bigcommerce.OutcomeFailure
)
