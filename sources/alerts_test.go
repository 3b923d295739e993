package sources

import (
	"testing"
	"time"
)

func TestAlertsSortsByFiringsAndSumsTimeInTheWindow(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	w := Window{From: t0, To: t0.Add(time.Hour)}
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	events := []AlertEvent{
		{Name: "disk", From: at(5), To: at(7)},
		{Name: "disk", From: at(20), To: at(30)},
		{Name: "disk", From: at(50), To: at(51)},
		{Name: "db down", From: at(40), To: at(70), Paged: true}, // recovers after the window
		{Name: "db down", From: at(-30), To: at(-20)},            // previous window
		{Name: "cpu", From: at(-10), To: at(3)},                  // started before, lasted in
		{Name: "old", From: at(-200), To: at(-190)},              // neither window
	}
	got := Alerts(events, w, 0)
	if len(got.Rows) != 3 || got.More != 0 {
		t.Fatalf("rows %+v more %d, want disk, db down, cpu", got.Rows, got.More)
	}
	disk, db, cpu := got.Rows[0], got.Rows[1], got.Rows[2]
	if disk.Name != "disk" || disk.Fired != 3 || disk.Total != 13*time.Minute || disk.Longest != 10*time.Minute || !disk.LastFired.Equal(at(50)) || disk.Paged {
		t.Errorf("disk = %+v", disk)
	}
	if db.Name != "db down" || db.Fired != 1 || db.PrevFired != 1 || db.Total != 20*time.Minute || !db.Paged {
		t.Errorf("db down = %+v", db)
	}
	if cpu.Name != "cpu" || cpu.Fired != 0 || cpu.PrevFired != 1 || cpu.Total != 3*time.Minute {
		t.Errorf("cpu = %+v", cpu)
	}
}

func TestAlertsKeepsTheTopAndCountsTheRest(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	w := Window{From: t0, To: t0.Add(time.Hour)}
	var events []AlertEvent
	for i, name := range []string{"a", "b", "c", "d"} {
		for j := 0; j <= 3-i; j++ {
			events = append(events, AlertEvent{Name: name, From: t0.Add(time.Duration(j) * time.Minute), To: t0.Add(time.Duration(j)*time.Minute + time.Second)})
		}
	}
	got := Alerts(events, w, 2)
	if len(got.Rows) != 2 || got.Rows[0].Name != "a" || got.Rows[1].Name != "b" || got.More != 2 || got.MoreFired != 3 {
		t.Errorf("got %+v", got)
	}
	if empty := Alerts(nil, w, 2); len(empty.Rows) != 0 || empty.More != 0 {
		t.Errorf("no events gave %+v", empty)
	}
}
