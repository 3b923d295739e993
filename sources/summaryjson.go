package sources

import (
	"encoding/json"
	"math"
	"time"
)

// encoding/json refuses NaN and ±Inf, yet NaN is how a summary says "no data
// in this window". Figure, Change and SLOResult therefore write NaN and ±Inf
// as null and read null (or a missing number) back as NaN. An infinity
// (a budget of a 100 % target) comes back as NaN: the minutes show both as
// "–".

// jsonFloat is a float64 that encodes NaN and ±Inf as null.
type jsonFloat float64

// nan is the value a jsonFloat field starts with before decoding, so that a
// missing field reads as NaN, not 0.
func nan() jsonFloat { return jsonFloat(math.NaN()) }

// MarshalJSON writes null for NaN and ±Inf.
func (f jsonFloat) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(v)
}

// UnmarshalJSON reads null as NaN.
func (f *jsonFloat) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*f = nan()
		return nil
	}
	var v float64
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*f = jsonFloat(v)
	return nil
}

type figureJSON struct {
	Key   string    `json:"key"`
	Label string    `json:"label"`
	Value jsonFloat `json:"value"`
	Unit  string    `json:"unit,omitempty"`
	At    time.Time `json:"at,omitzero"`
}

// MarshalJSON writes the figure with a NaN or infinite value as null.
func (f Figure) MarshalJSON() ([]byte, error) {
	return json.Marshal(figureJSON{Key: f.Key, Label: f.Label, Value: jsonFloat(f.Value), Unit: f.Unit, At: f.At})
}

// UnmarshalJSON reads a figure; a null or missing value is NaN.
func (f *Figure) UnmarshalJSON(b []byte) error {
	j := figureJSON{Value: nan()}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*f = Figure{Key: j.Key, Label: j.Label, Value: float64(j.Value), Unit: j.Unit, At: j.At}
	return nil
}

type changeJSON struct {
	Key     string    `json:"key"`
	Label   string    `json:"label"`
	Unit    string    `json:"unit,omitempty"`
	Cur     jsonFloat `json:"current"`
	Prev    jsonFloat `json:"previous"`
	Abs     jsonFloat `json:"abs"`
	Pct     jsonFloat `json:"pct"`
	Verdict Verdict   `json:"verdict"`
}

// MarshalJSON writes the change with NaN or infinite numbers as null.
func (c Change) MarshalJSON() ([]byte, error) {
	return json.Marshal(changeJSON{
		Key: c.Key, Label: c.Label, Unit: c.Unit,
		Cur: jsonFloat(c.Cur), Prev: jsonFloat(c.Prev), Abs: jsonFloat(c.Abs), Pct: jsonFloat(c.Pct),
		Verdict: c.Verdict,
	})
}

// UnmarshalJSON reads a change; null or missing numbers are NaN.
func (c *Change) UnmarshalJSON(b []byte) error {
	j := changeJSON{Cur: nan(), Prev: nan(), Abs: nan(), Pct: nan()}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*c = Change{
		Key: j.Key, Label: j.Label, Unit: j.Unit,
		Cur: float64(j.Cur), Prev: float64(j.Prev), Abs: float64(j.Abs), Pct: float64(j.Pct),
		Verdict: j.Verdict,
	}
	return nil
}

type sloResultJSON struct {
	Method          string    `json:"method"`
	Target          jsonFloat `json:"target"`
	SLI             jsonFloat `json:"sli"`
	Met             bool      `json:"met"`
	Threshold       jsonFloat `json:"threshold"`
	Good            jsonFloat `json:"good"`
	Total           jsonFloat `json:"total"`
	BudgetConsumed  jsonFloat `json:"budget_consumed"`
	BudgetRemaining jsonFloat `json:"budget_remaining"`
	BurnRate        jsonFloat `json:"burn_rate"`
}

// MarshalJSON writes the result with NaN or infinite numbers as null.
func (r SLOResult) MarshalJSON() ([]byte, error) {
	return json.Marshal(sloResultJSON{
		Method: r.Method, Target: jsonFloat(r.Target), SLI: jsonFloat(r.SLI), Met: r.Met,
		Threshold: jsonFloat(r.Threshold), Good: jsonFloat(r.Good), Total: jsonFloat(r.Total),
		BudgetConsumed: jsonFloat(r.BudgetConsumed), BudgetRemaining: jsonFloat(r.BudgetRemaining),
		BurnRate: jsonFloat(r.BurnRate),
	})
}

// UnmarshalJSON reads a result; null or missing numbers are NaN.
func (r *SLOResult) UnmarshalJSON(b []byte) error {
	j := sloResultJSON{
		Target: nan(), SLI: nan(), Threshold: nan(), Good: nan(), Total: nan(),
		BudgetConsumed: nan(), BudgetRemaining: nan(), BurnRate: nan(),
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*r = SLOResult{
		Method: j.Method, Target: float64(j.Target), SLI: float64(j.SLI), Met: j.Met,
		Threshold: float64(j.Threshold), Good: float64(j.Good), Total: float64(j.Total),
		BudgetConsumed: float64(j.BudgetConsumed), BudgetRemaining: float64(j.BudgetRemaining),
		BurnRate: float64(j.BurnRate),
	}
	return nil
}
