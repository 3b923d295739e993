package lock

import "testing"

func TestStatStartTime(t *testing.T) {
	// The command name may hold spaces and parentheses.
	line := "4242 (na (ga) me) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 50 18446744073709551615\n"
	got, err := statStartTime([]byte(line))
	if err != nil || got != "987654" {
		t.Errorf("statStartTime = %q, %v; want 987654", got, err)
	}
	if _, err := statStartTime([]byte("4242 (x) S 1")); err == nil {
		t.Error("a short line was read")
	}
}
