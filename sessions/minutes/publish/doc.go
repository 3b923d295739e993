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
// Nothing here imports Bubble Tea: the summary screen calls Publish (or All)
// from a tea.Cmd, the CLI from nagame publish. A screen would offer the
// agenda's targets (Agenda.Publish) and run, off the Update loop:
//
//	func publishCmd(ctx context.Context, sess *sessions.Session, targets []publish.Target, opt publish.Options) tea.Cmd {
//		dir, write := sess.Dir(), sess.WriteFile // copied: the Cmd never reads the live model
//		return func() tea.Msg {
//			rec, err := sessions.OpenRecord(dir) // a snapshot, after sess.Flush()
//			if err != nil {
//				return publishedMsg{err: err}
//			}
//			opt.Write = write
//			res, err := publish.All(ctx, targets, rec, opt)
//			return publishedMsg{results: res, err: err}
//		}
//	}
//
// where opt carries the environment (Getenv), an HTTP client, the clock and
// the earlier sessions; Result.URL is the link to show, Result.Notes what to
// mention, and an *Error's Msg and Hint what to say when it fails (RetryAt
// when to offer again). Tokens and keys come from the environment only and
// are scrubbed from every message.
package publish
