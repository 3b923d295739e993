package datadog

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// TestKeysNeverLeak drives the source through answers that echo the keys
// back (a misconfigured proxy, a hostile endpoint), then writes everything
// nagame would keep of them (error messages, hints, series as stored) and
// whatever the client logged into a folder, and scans it for the keys.
func TestKeysNeverLeak(t *testing.T) {
	dir := t.TempDir()
	logFile, err := os.Create(filepath.Join(dir, "client.log"))
	if err != nil {
		t.Fatal(err)
	}
	// The client reports through the standard logger (its warnings, its
	// debug dumps): send that to the folder too. Not parallel: the logger
	// is global.
	prevOut, prevFlags := log.Writer(), log.Flags()
	log.SetOutput(logFile)
	t.Cleanup(func() { log.SetOutput(prevOut); log.SetFlags(prevFlags); _ = logFile.Close() })

	echo := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			body, _ := json.Marshal(map[string]any{
				"errors": []string{"bad keys " + r.Header.Get("DD-API-KEY") + " / " + r.Header.Get("DD-APPLICATION-KEY")},
			})
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_, _ = w.Write(body)
		}
	}
	echoInto := func(field string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			key := r.Header.Get("DD-API-KEY")
			resp := map[string]any{"status": "ok", "series": []any{map[string]any{
				"metric": "m." + key, "tag_set": []string{"host:" + key}, "interval": 300,
				"pointlist": [][]any{{1795219200000.0, 1.0}},
			}}}
			if field != "" {
				resp = map[string]any{"status": "error", field: "unknown metric " + key}
			}
			_ = json.NewEncoder(w).Encode(resp)
		}
	}

	f := newFake(t)
	s := f.source(t, WithNow(func() time.Time { return checkNow }))
	ctx := context.Background()
	var kept []string
	keep := func(err error) {
		var se *sources.Error
		if errors.As(err, &se) {
			kept = append(kept, err.Error(), se.Msg, se.Hint, fmt.Sprint(se.Err))
		}
	}

	for _, status := range []int{400, 401, 403, 404, 418, 429, 500} {
		st := queryStub(t, failSent, echo(status))
		if status == 429 || status == 500 {
			st.times = 4
		}
		f.on(st)
		_, err := fetchOnce(t, s)
		if err == nil {
			t.Fatalf("status %d: no error", status)
		}
		keep(err)
	}
	for _, field := range []string{"error", "message"} {
		f.on(queryStub(t, failSent, echoInto(field)))
		_, err := fetchOnce(t, s)
		keep(err)
	}
	f.on(queryStub(t, failSent, echoInto("")))
	series, err := fetchOnce(t, s)
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	for _, ser := range series {
		b, err := json.Marshal(ser)
		if err != nil {
			t.Fatal(err)
		}
		kept = append(kept, string(b))
	}
	f.on(historyStub(t, sloID, day, echo(404)))
	_, err = s.FetchSLO(ctx, sloID, day)
	keep(err)
	f.on(validateStub(echo(403)))
	keep(s.Check(ctx))

	if err := os.WriteFile(filepath.Join(dir, "kept.txt"), []byte(strings.Join(kept, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	// The scan below must be able to fail: the keys did reach the
	// messages, redacted.
	if !strings.Contains(strings.Join(kept, "\n"), "REDACTED") {
		t.Fatalf("no message mentions REDACTED; the echo never reached them:\n%s", strings.Join(kept, "\n"))
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for name, key := range map[string]string{"DD_API_KEY": testAPIKey, "DD_APP_KEY": testAppKey} {
			if i := bytes.Index(b, []byte(key)); i >= 0 {
				t.Errorf("%s holds the value of %s at byte %d", filepath.Base(path), name, i)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
