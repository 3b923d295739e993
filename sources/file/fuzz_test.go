package file

import (
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// The parsers read files people edit by hand: no input may panic them.

func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{
		"timestamp,a,b\n2026-10-01T00:00:00Z,1,\n",
		"1790812800,1\n1790812860,2\n",
		"time;v\n1790812800000;1\n",
		"timestamp,value,series\n2026-10-01 00:00:00,1,web\n",
		"\"a\n", "", ",,,\n,,\n",
	} {
		f.Add([]byte(s))
	}
	w := sources.Window{From: time.Unix(0, 0), To: time.Unix(4e9, 0)}
	f.Fuzz(func(_ *testing.T, data []byte) {
		if tab, err := parseCSV(data, "f.csv", "f"); err == nil {
			finish(tab, w)
		}
	})
}

func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{
		`{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"b"},"values":[[1,"1"]]}]}}`,
		`[{"name":"x","points":[[1,2],[3,null]]}]`,
		`{"series":[]}`, `{"status":"error"}`, `[`, `{"data":{"result":[[]]}}`,
	} {
		f.Add([]byte(s))
	}
	w := sources.Window{From: time.Unix(0, 0), To: time.Unix(4e9, 0)}
	f.Fuzz(func(_ *testing.T, data []byte) {
		if tab, err := parseJSON(data, "f"); err == nil {
			finish(tab, w)
		}
	})
}
