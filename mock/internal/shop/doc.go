// Package shop is the store behind the events: each store's orders, their
// lines, shipping addresses, shipments, coupons, transactions and refunds,
// its carts, its customers (addresses, attributes, stored instruments),
// newsletter subscribers and channels, and its identity, held in memory.
// It knows nothing of HTTP.
//
// State and events move together both ways:
//
//   - Apply puts in place the state an event implies, when an event is
//     raised from the control API, a scenario or testkit (store/order/created
//     makes the order exist, statusUpdated sets its status, cart/converted
//     deletes the cart and ties the order to it, and so on);
//   - the writes (CreateOrder, UpdateOrder, AddShipment, CreateCart, ...)
//     change the state and return the events BigCommerce fires for them, in
//     the order it fires them, for the caller to raise.
//
// Everything a store invents (names, addresses, prices, ids) comes from a
// faker seeded by the shop's seed and the store hash, so the same seed and
// the same calls give the same data, whatever other stores do.
//
// A Shop is safe for concurrent use: each store has its own lock, held by
// Read and Write for the length of the function they are given.
package shop
