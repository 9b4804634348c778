// Package border answers the two questions border systems ask thousands of
// times a second: is this party a member in good standing of a trusted-trader
// program, and may this shipment use a FAST lane?
//
// Everything here is in memory and pure: no I/O, no database, no HTTP, and
// time is passed in. The store feeds parties and driver cards into Build (or
// With, for a change notice); the HTTP layer swaps the resulting Snapshot into
// an Index and answers from it. A Snapshot is immutable once built, so any
// number of goroutines may read it while a new one is being prepared.
//
// Three choices keep the hot path cheap:
//
//   - Status answers are encoded to JSON once, at build time, so a status
//     request costs one normalization on a stack buffer and one map look-up,
//     and the HTTP layer writes the stored bytes as they are.
//   - Maps are split into shards that snapshots share; With copies only the
//     shards a change touches, so a change notice on 100,000 parties costs
//     microseconds, not a rebuild.
//   - Shipments arrive as NDJSON and are decoded by a small hand-written
//     decoder for their flat shape, then screened and encoded without
//     reflection.
//
// The eligibility rules differ per direction and the sources disagree on
// Canada's (facts §5), so they are configuration: see Rules.
package border
