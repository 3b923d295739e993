package minutes

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/journal"
)

// TestMinutesCountAnswersFromDevices: answers journaled with Device count
// as answers like typed ones, and the minutes say how many came from
// devices; a typed answer that replaces a device's clears its mark.
func TestMinutesCountAnswersFromDevices(t *testing.T) {
	m := startMeeting(t, t.TempDir(), minutesAgenda(t), t0, sessions.StartOptions{})
	m.show(time.Minute, "latency")
	for _, a := range []struct {
		person, value string
		device        bool
	}{{"Aiko", "better", true}, {"Ben", "same", true}, {"Chen", "worse", false}, {"Ben", "better", false}} {
		m.post(time.Second, journal.Event{Type: journal.EvAnswer, Panel: "latency", Question: "trend", Person: a.person, Value: a.value, Device: a.device})
	}
	m.post(time.Second, journal.Event{Type: journal.EvPhase, Phase: journal.PhaseClosing, Value: "impressions"})
	m.post(time.Second, journal.Event{Type: journal.EvImpression, Person: "Aiko", Text: "clear", Device: true})
	m.post(time.Second, journal.Event{Type: journal.EvImpression, Person: "Ben", Text: "good"})
	for i, v := range []string{"4", "5", "3"} {
		m.post(time.Second, journal.Event{Type: journal.EvSurvey, Question: "understanding", Person: "anon-" + string(rune('a'+i)), Value: v, Device: true})
	}
	mins, err := Build(m.end(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if q := mins.Panels[0].Questions[0]; q.Respondents != 3 || q.Devices != 1 {
		t.Errorf("trend: %d respondents, %d from devices; want 3 and 1 (Ben's typed answer replaced his device's)", q.Respondents, q.Devices)
	}
	if mins.ImpressionsFromDevices != 1 || mins.Survey[0].Devices != 3 {
		t.Errorf("impressions from devices %d, survey %d; want 1 and 3", mins.ImpressionsFromDevices, mins.Survey[0].Devices)
	}
	md := string(mins.Markdown())
	for _, want := range []string{"1 of 3 answered on their own devices", "1 of 2 answered on their own devices.", "3 responses (all 3 answered on their own devices) · mean 4.0"} {
		if !strings.Contains(md, want) {
			t.Errorf("the minutes lack %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "anon-") {
		t.Error("the minutes name a device's pseudonym")
	}
}

// TestShowHiddenKeepsWhatTheRuleHides: an anonymous question with two
// answers shows only the count, unless the facilitator asks for all.
func TestShowHiddenKeepsWhatTheRuleHides(t *testing.T) {
	m := startMeeting(t, t.TempDir(), minutesAgenda(t), t0, sessions.StartOptions{})
	m.post(time.Second, journal.Event{Type: journal.EvPhase, Phase: journal.PhaseClosing, Value: "survey"})
	m.post(time.Second, journal.Event{Type: journal.EvSurvey, Question: "comments", Person: "Aiko", Value: "more SLOs please"})
	m.post(time.Second, journal.Event{Type: journal.EvSurvey, Question: "comments", Person: "anon-x", Value: "shorter", Device: true})
	rec := m.end()
	shared, err := Build(rec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if md := string(shared.Markdown()); strings.Contains(md, "more SLOs please") || !strings.Contains(md, "too few to show") {
		t.Errorf("the shared minutes show a hidden comment:\n%s", md)
	}
	all, err := Build(rec, Options{ShowHidden: true})
	if err != nil {
		t.Fatal(err)
	}
	md := string(all.Markdown())
	for _, want := range []string{"more SLOs please", "shorter", "shown by --show-hidden", "Do not share these minutes"} {
		if !strings.Contains(md, want) {
			t.Errorf("--show-hidden minutes lack %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "Aiko: more") {
		t.Error("--show-hidden names who wrote an anonymous comment")
	}
	js, err := all.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		ShownHidden bool     `json:"shown_hidden"`
		Survey      []Survey `json:"survey"`
	}
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if !back.ShownHidden || len(back.Survey[2].Texts) != 2 || !back.Survey[2].Shown {
		t.Errorf("JSON with --show-hidden: %+v", back)
	}
}

// TestASoloSurveyIsShownToItsRespondent: alone, there is nobody to hide
// the answers from, and "join again?" is not asked.
func TestASoloSurveyIsShownToItsRespondent(t *testing.T) {
	m := startMeeting(t, t.TempDir(), minutesAgenda(t), t0, sessions.StartOptions{Solo: true, As: "aiko"})
	m.post(time.Second, journal.Event{Type: journal.EvPhase, Phase: journal.PhaseClosing, Value: "survey"})
	m.post(time.Second, journal.Event{Type: journal.EvSurvey, Question: "understanding", Person: "aiko", Value: "4"})
	mins, err := Build(m.end(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if mins.Anonymous || len(mins.Survey) != 2 || mins.Survey[1].ID != "comments" {
		t.Fatalf("solo survey: anonymous %v, %+v", mins.Anonymous, mins.Survey)
	}
	if s := mins.Survey[0]; s.Hidden || s.Mean == nil || *s.Mean != 4 {
		t.Errorf("the solo answer is hidden from its respondent: %+v", s)
	}
}
