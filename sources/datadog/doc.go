// Package datadog is nagame's Datadog backend: metric panels through the v1
// query API (GET /api/v1/query), SLO panels through the v1 SLO history API,
// events (deploys, config changes) through the v1 events API
// (GET /api/v1/events), and a key check for nagame check.
//
// It imports only api/datadog and api/datadogV1 of the official client:
// datadogV2 costs about 100 s and 7 GiB of memory to compile, and v1 covers
// everything a viewing party reads.
//
// Keys come only from the environment (DD_API_KEY, DD_APP_KEY), never from
// the agenda; they are sent as headers and never written to a message, a
// file or a log. New succeeds without them, so an agenda can be validated and
// other sources used offline; every call then fails with one line naming the
// missing variables.
//
// Failures are *sources.Error values worded for the panel that shows them:
// what Datadog said, about which query, and what to do next. Rate limits and
// server errors are retried a few times with a short backoff that honours
// X-RateLimit-Reset; a meeting never waits more than 20 s for one panel's
// retries. An answer is read up to MaxAnswer (16 MiB) and refused past it;
// points outside the window are dropped; an answer the client cannot read
// whole is read part by part (loose.go), and the panel is warned about the
// parts left out.
package datadog
