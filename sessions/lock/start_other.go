//go:build !linux && !darwin && !windows

package lock

import "errors"

// processStart is not known here: a lock is judged by its OS lock, else by
// its pid alone.
func processStart(int) (string, error) { return "", errors.ErrUnsupported }
