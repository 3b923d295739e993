// Package file is nagame's backend for exported data: CSV and JSON files in
// a folder next to the agenda, for a team whose metrics live where nagame
// cannot reach (an air-gapped network, a vendor's console with an export
// button) or for a meeting that must not depend on the network.
//
// A panel's query names a file relative to the source's folder; the file
// must stay inside it, and the folder inside the agenda's (symbolic links
// resolved) unless the agenda sets allow_outside_agenda: true. Only regular
// files are read, up to MaxFileSize (64 MiB): a pipe or a device is refused
// before anything is read or waited for. Messages quote a file only in
// short, cleaned excerpts, and never one outside the agenda's folder.
// Formats, told apart by extension and content:
//
//   - CSV in wide form, as dashboards export it (Datadog's "Download as
//     CSV", Grafana's "series as columns"): a header row, a timestamp column
//     and one column per series;
//   - CSV in long form: timestamp,value[,series] (with or without a header);
//   - JSON: a Prometheus query_range response, or series in nagame's own
//     stored shape (an array, or an object with "series", such as a session's
//     data/<panel>.json).
//
// Timestamps may be RFC 3339, "2006-01-02 15:04:05" (UTC unless it says
// otherwise), or Unix epoch seconds, milliseconds, microseconds or
// nanoseconds (told apart by size). An empty cell, NaN or null is a gap.
//
// Fetch returns the points inside the requested window, so one file covering
// both the current and the previous window serves the comparison too. The
// step is the usual spacing of the file's timestamps; a missing row on that
// spacing becomes a gap. Values are returned as the file has them: no
// rollup, the chart downsamples (keeping peaks).
//
// Events (deploys, config changes) come from a file of the same folder:
// a CSV with a header time,text, or JSON lines {"time": …, "text": …} (see
// Events).
package file
