// Package importer starts an agenda from what a team already has: a Datadog
// dashboard (read through the v1 Dashboards API), a Grafana dashboard (an
// exported JSON file or Grafana's HTTP API), or one of the built-in starter
// agendas. It is what nagame init runs.
//
// Every importer fills a Draft: the panels it could map, each with the rule
// that chose its kind, unit and objective; the variables of the dashboard;
// its events; and the widgets it left out, each with the reason. Write turns
// a Draft into a commented version 1 agenda and checks it with the agenda
// loader before anyone sees it, so what nagame init writes always validates.
//
// The importer lives beside the agenda loader (sessions/agenda/importer)
// because it speaks the agenda's vocabulary (kinds, durations, objectives,
// variables) and proves its output with agenda.Parse; it reads dashboards,
// never metrics, and writes no file itself.
package importer
