package sources

import (
	"strings"
	"testing"
	"time"
)

func TestLimitEventsKeepsTheLatestInsideTheWindowInOrder(t *testing.T) {
	w := Window{From: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)}
	h := func(n int) time.Time { return w.From.Add(time.Duration(n) * time.Hour) }
	events := []Event{
		{At: h(5), Text: "e"}, {At: h(1), Text: "a"}, {At: h(-1), Text: "before"}, {At: h(3), Text: "c"},
		{At: w.To, Text: "at the end"}, {At: h(3), Text: "c2"}, {At: h(2), Text: "b"},
	}
	got := LimitEvents(events, w, 3)
	var texts []string
	for _, e := range got.Events {
		texts = append(texts, e.Text)
	}
	// Sorted stably by time (c before c2, as given); the earliest two of
	// the window's five left out; outside the window not counted.
	if want := "c c2 e"; strings.Join(texts, " ") != want || got.More != 2 || got.AtLeast {
		t.Errorf("kept %q with %d more, want %q with 2 more", texts, got.More, want)
	}
	if all := LimitEvents(events, w, 0); len(all.Events) != 5 || all.More != 0 {
		t.Errorf("limit 0 (MaxEvents): %d events, %d more", len(all.Events), all.More)
	}
	if none := LimitEvents(nil, w, 0); len(none.Events) != 0 || none.More != 0 {
		t.Errorf("no events: %+v", none)
	}
}
