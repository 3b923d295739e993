//go:build !race

package main

// raceEnabled: the tests run without -race, and so does the binary they
// build (the snapshot benchmark measures a normal build).
const raceEnabled = false
