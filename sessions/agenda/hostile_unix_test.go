//go:build unix

package agenda

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A named pipe as the agenda is refused at once: opening it would wait for
// a writer that never comes.
func TestLoadRefusesANamedPipe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "agenda.yaml")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	_, err := loadQuickly(t, path)
	if err == nil || !strings.Contains(err.Error(), "agenda.yaml is a named pipe, not an agenda file") {
		t.Errorf("Load = %v, want it refused as a named pipe", err)
	}
}
