package webhook

import "github.com/bcmock/bcmock/mock/bigcommerce"

// Schedule is the retry ladder the engine follows.
//
// Deprecated: use bigcommerce.Schedule, the one ladder type. This alias
// only keeps mock/server.go compiling until it names bigcommerce.Schedule
// itself; it is not a second type.
type Schedule = bigcommerce.Schedule
