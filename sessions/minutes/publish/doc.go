// Package publish sends a session's minutes where the team already reads:
// a Datadog notebook (the summary, a live chart per Datadog panel beside the
// figures frozen that day, the closing) and one GitHub issue per open
// action item, whose state comes back into nagame's action tracking.
//
// Publishing is idempotent. What was made is kept in the session folder
// (sessions.PublishedFile): a second publish updates the notebook and
// creates no issue twice. When that file is lost, the notebook is found
// again by its name and signature line and each issue by the marker in its
// body (<!-- nagame:SESSION/ID -->), so a re-run still duplicates nothing;
// a publish cut short by a failure completes when it is run again.
//
// Nothing here imports Bubble Tea: the summary screen calls Publish from a
// tea.Cmd, the CLI from nagame publish. Tokens and keys come from the
// environment only and are scrubbed from every message.
package publish
