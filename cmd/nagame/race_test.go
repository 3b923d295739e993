//go:build race

package main

// raceEnabled: the tests run with -race, so the binary they build is built
// with it too (it reuses the race-built packages and checks the real
// program's goroutines as it runs).
const raceEnabled = true
