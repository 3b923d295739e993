package testclock

import (
	"sync"
	"testing"
	"time"
)

func TestTheClockMovesOnlyWhenTold(t *testing.T) {
	t0 := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	c := New(t0)
	if got := c.Now(); !got.Equal(t0) {
		t.Fatalf("Now() = %v, want %v", got, t0)
	}
	c.Advance(90 * time.Second)
	c.Advance(-30 * time.Second)
	if got, want := c.Now(), t0.Add(time.Minute); !got.Equal(want) {
		t.Errorf("after +90 s and -30 s, Now() = %v, want %v", got, want)
	}
}

// Other goroutines read the clock while the test moves it (-race).
func TestTheClockIsSafeForConcurrentUse(t *testing.T) {
	c := New(time.Time{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 100 {
				_ = c.Now()
				c.Advance(time.Millisecond)
			}
		})
	}
	wg.Wait()
	if got := c.Now().Sub(time.Time{}); got != 400*time.Millisecond {
		t.Errorf("the clock moved %v, want 400ms", got)
	}
}
