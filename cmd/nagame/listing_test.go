package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/nagame-dev/nagame/sessions/journal"
)

func TestSessionsList(t *testing.T) {
	c := threeSessions(t)
	r := c.run(t, "sessions")
	wantCode(t, r, exitOK)
	if r.err != "" {
		t.Errorf("stderr should be empty, got:\n%s", r.err)
	}
	golden.RequireEqual(t, r.out)

	r = c.run(t, "sessions", "--format", "json")
	wantCode(t, r, exitOK)
	var rows []sessionRow
	if err := json.Unmarshal([]byte(r.out), &rows); err != nil {
		t.Fatalf("not valid JSON: %v\n%s", err, r.out)
	}
	// Open actions are counted where they were raised: the first session
	// keeps a2 (never closed), the second's a1 was done in the third, and
	// the third's a1 is new. Notes: latency and errors in the first,
	// latency in the second, none in the third.
	want := []sessionRow{
		{Session: firstName, Date: "2026-05-20 09:00", Panels: 6, Notes: 2, OpenActions: 1, State: "finished"},
		{Session: secondName, Date: "2026-08-18 09:00", Panels: 6, Notes: 1, OpenActions: 0, State: "finished"},
		{Session: thirdName, Date: "2026-11-16 09:00", Panels: 6, Notes: 0, OpenActions: 1, State: "finished"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d sessions, want %d:\n%s", len(rows), len(want), r.out)
	}
	for i, w := range want {
		got := rows[i]
		if !strings.HasSuffix(got.Dir, w.Session) {
			t.Errorf("session %d: dir %q does not end in its name", i+1, got.Dir)
		}
		if got.Title != "checkout — metrics viewing party (demo)" {
			t.Errorf("session %d: title %q", i+1, got.Title)
		}
		got.Dir, got.Title = "", ""
		if got != w {
			t.Errorf("session %d:\n got %+v\nwant %+v", i+1, got, w)
		}
	}
}

func TestSessionsListShowsAnUnfinishedSession(t *testing.T) {
	c := newCLI(t)
	m := startMeeting(t, c.env["NAGAME_SESSIONS"], firstStart)
	m.show(time.Minute, "latency")
	if err := m.s.Close(); err != nil { // a quit: paused on the latency panel
		t.Fatal(err)
	}
	r := c.run(t, "sessions")
	wantCode(t, r, exitOK)
	if !strings.Contains(r.out, "in progress (panels)") {
		t.Errorf("the unfinished session is not shown in progress:\n%s", r.out)
	}
}

// TestActionsAcrossSessions: an item stays open from session to session
// until a review closes it; done and dropped items leave --open.
func TestActionsAcrossSessions(t *testing.T) {
	for _, tt := range []struct {
		sessions int
		// open lists the items --open shows, as "<session>/<id>".
		open []string
		// all is every item, each with its latest status.
		all map[string]string
	}{
		{
			sessions: 2,
			// first/a1 done and first/a3 dropped in the second session.
			open: []string{firstName + "/a2", secondName + "/a1"},
			all: map[string]string{
				firstName + "/a1": journal.ActionDone, firstName + "/a2": journal.ActionOpen,
				firstName + "/a3": journal.ActionDropped, secondName + "/a1": journal.ActionOpen,
			},
		},
		{
			sessions: 3,
			// first/a2 was not reviewed in the third: still open; second/a1
			// done in the third; the third adds a1.
			open: []string{firstName + "/a2", thirdName + "/a1"},
			all: map[string]string{
				firstName + "/a1": journal.ActionDone, firstName + "/a2": journal.ActionOpen,
				firstName + "/a3": journal.ActionDropped, secondName + "/a1": journal.ActionDone,
				thirdName + "/a1": journal.ActionOpen,
			},
		},
	} {
		name := map[int]string{2: "two", 3: "three"}[tt.sessions]
		t.Run(name+" sessions", func(t *testing.T) {
			c := newCLI(t)
			recordSessions(t, c.env["NAGAME_SESSIONS"], tt.sessions)

			md := c.run(t, "actions")
			open := c.run(t, "actions", "--open")
			js := c.run(t, "actions", "--format", "json")
			for _, g := range []struct {
				name string
				r    result
			}{{"markdown", md}, {"open", open}, {"json", js}} {
				t.Run(g.name, func(t *testing.T) {
					wantCode(t, g.r, exitOK)
					if g.r.err != "" {
						t.Errorf("stderr should be empty, got:\n%s", g.r.err)
					}
					golden.RequireEqual(t, g.r.out)
				})
			}

			var items []actionJSON
			if err := json.Unmarshal([]byte(js.out), &items); err != nil {
				t.Fatalf("not valid JSON: %v\n%s", err, js.out)
			}
			got := map[string]string{}
			for _, it := range items {
				got[it.Key] = it.Status
			}
			if len(got) != len(tt.all) {
				t.Errorf("%d items, want %d: %v", len(got), len(tt.all), got)
			}
			for key, status := range tt.all {
				if got[key] != status {
					t.Errorf("%s is %q, want %q", key, got[key], status)
				}
			}

			openJS := c.run(t, "actions", "--open", "--format", "json")
			var openItems []actionJSON
			if err := json.Unmarshal([]byte(openJS.out), &openItems); err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, it := range openItems {
				keys = append(keys, it.Key)
			}
			if strings.Join(keys, " ") != strings.Join(tt.open, " ") {
				t.Errorf("--open lists %v, want %v", keys, tt.open)
			}
			for _, gone := range []string{"Alert on pool saturation", "Share the minutes"} {
				if strings.Contains(open.out, gone) {
					t.Errorf("--open shows %q, which was closed", gone)
				}
			}
			// Without --open, a done item is ticked and a dropped one
			// struck through, as in the minutes.
			for _, want := range []string{
				"- [x] Alert on pool saturation — Ben (done, ",
				"- [ ] ~~Share the minutes in \\#checkout~~ — Aiko (dropped, ",
			} {
				if !strings.Contains(md.out, want) {
					t.Errorf("the list lacks %q:\n%s", want, md.out)
				}
			}
		})
	}
}

// TestActionAges: ages count whole days from the item's creation to the
// clock of the command.
func TestActionAges(t *testing.T) {
	c := newCLI(t)
	recordSessions(t, c.env["NAGAME_SESSIONS"], 1)
	r := c.run(t, "actions", "--format", "json")
	var items []actionJSON
	if err := json.Unmarshal([]byte(r.out), &items); err != nil {
		t.Fatal(err)
	}
	// a2 was raised 16 minutes into the first session (2026-05-20
	// 09:16); testNow is 2026-11-22 10:00. May 20 → Nov 20 is 11 + 30 +
	// 31 + 31 + 30 + 31 + 20 = 184 days, + 2 = 186, and 09:16 → 10:00
	// adds no whole day.
	if len(items) != 3 || items[1].ID != "a2" || items[1].AgeDays != 186 {
		t.Fatalf("items %+v, want a2 second and 186 days old", items)
	}
	if md := c.run(t, "actions").out; !strings.Contains(md, "(open, 186 days old, from "+firstName+", Checkout errors)") {
		t.Errorf("the Markdown list does not show a2's age:\n%s", md)
	}
}
