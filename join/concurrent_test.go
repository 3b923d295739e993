package join_test

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/nagame-dev/nagame/join"
)

// Fifty people submit at once on loopback, each twice (the second changes
// the answer): every answer reaches the Sink exactly once, and the answers
// folded as the journal folds them are each person's last.
func TestFiftyConcurrentSubmittersLoseAndDoubleNothing(t *testing.T) {
	const people = 50
	s, rec := start(t, join.Config{Burst: 10 * people, Rate: 1000})
	names := make([]string, people)
	for i := range names {
		names[i] = fmt.Sprintf("person-%02d", i)
	}
	s.SetPeople(names)
	choices := latencyBallot.Questions[0].Options

	// A named panel question.
	mustOpen(t, s, latencyBallot)
	run(t, people, func(i int, d *device) {
		d.pick(names[i])
		for _, v := range []string{choices[i%3], choices[(i+1)%3]} {
			if r := d.answer(map[string]string{"trend": v}); r.code != http.StatusSeeOther {
				t.Errorf("%s: %d", names[i], r.code)
			}
		}
	}, s)
	got := rec.all()
	if len(got) != 2*people {
		t.Fatalf("the sink got %d answers, want %d", len(got), 2*people)
	}
	latest := rec.latest()
	for i, n := range names {
		if v := latest["panel/latency/trend/"+n]; v != choices[(i+1)%3] {
			t.Errorf("%s: %q, want %q", n, v, choices[(i+1)%3])
		}
	}

	// The anonymous survey.
	mustOpen(t, s, surveyBallot)
	run(t, people, func(i int, d *device) {
		first := map[string]string{"understanding": strconv.Itoa(1 + i%5), "again": "yes", "comments": fmt.Sprintf("comment %d", i)}
		second := map[string]string{"understanding": strconv.Itoa(1 + (i+1)%5)}
		for _, v := range []map[string]string{first, second} {
			if r := d.answer(v); r.code != http.StatusSeeOther {
				t.Errorf("device %d: %d", i, r.code)
			}
		}
	}, s)
	survey := rec.all()[2*people:]
	if len(survey) != 4*people {
		t.Fatalf("the sink got %d survey answers, want %d", len(survey), 4*people)
	}
	perRespondent := map[string]int{}
	comments := map[string]int{}
	for _, a := range survey {
		if !a.Anonymous {
			t.Errorf("not anonymous: %+v", a)
		}
		if a.Question == "understanding" {
			perRespondent[a.Respondent]++
		}
		if a.Question == "comments" {
			comments[a.Value]++
		}
	}
	if len(perRespondent) != people {
		t.Errorf("%d respondents to understanding, want %d", len(perRespondent), people)
	}
	for r, n := range perRespondent {
		if n != 2 {
			t.Errorf("%s answered understanding %d times, want 2", r, n)
		}
	}
	for i := range people {
		if n := comments[fmt.Sprintf("comment %d", i)]; n != 1 {
			t.Errorf("comment %d arrived %d times", i, n)
		}
	}
	// The folded tally is everyone's second answer.
	tally := map[string]int{}
	for k, v := range rec.latest() {
		if len(k) > len("survey//understanding/") && k[:len("survey//understanding/")] == "survey//understanding/" {
			tally[v]++
		}
	}
	want := map[string]int{}
	for i := range people {
		want[strconv.Itoa(1+(i+1)%5)]++
	}
	if fmt.Sprint(tally) != fmt.Sprint(want) {
		t.Errorf("tally %v, want %v", tally, want)
	}
}

// run starts n devices at once and waits for them.
func run(t *testing.T, n int, f func(i int, d *device), s *join.Server) {
	t.Helper()
	var wg sync.WaitGroup
	startGun := make(chan struct{})
	for i := range n {
		d := newDevice(t, s)
		wg.Go(func() {
			<-startGun
			f(i, d)
		})
	}
	close(startGun)
	wg.Wait()
}
